package io.intentflow.tools.broker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The secured listener's certificate, made with the JDK's {@code keytool} on first use and kept
 * in the data folder's {@code tls/}: {@code broker.p12} (the broker's key and self-signed
 * certificate for 127.0.0.1 and localhost, so clients can verify the host name), its password,
 * and {@code broker.pem}, the certificate clients trust ({@code ssl.truststore.type=PEM}, no
 * password). Passwords reach keytool through its environment, never its command line.
 */
final class BrokerTls {

    private static final String ALIAS = "broker";
    private static final String PASSWORD_ENV = "INTENTFLOW_KEYSTORE_PASSWORD";
    private static final Duration KEYTOOL_TIMEOUT = Duration.ofSeconds(60);

    private BrokerTls() {}

    static Path keystore(Path dir) {
        return dir.resolve("tls").resolve("broker.p12");
    }

    static Path certificate(Path dir) {
        return dir.resolve("tls").resolve("broker.pem");
    }

    /** Makes the keystore and certificate unless they exist; returns the keystore's password. */
    static String ensure(Path dir) throws IOException, InterruptedException {
        Path passwordFile = dir.resolve("tls").resolve("keystore.password");
        if (Files.exists(keystore(dir)) && Files.exists(certificate(dir)) && Files.exists(passwordFile)) {
            return Files.readString(passwordFile).trim();
        }
        Files.createDirectories(passwordFile.getParent());
        Files.deleteIfExists(keystore(dir));
        String password = Secrets.randomPassword();
        Secrets.writePrivate(passwordFile, password + "\n");
        keytool(password, "-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "3650",
                "-storetype", "PKCS12", "-keystore", keystore(dir).toString(),
                "-storepass:env", PASSWORD_ENV, "-keypass:env", PASSWORD_ENV);
        keytool(password, "-exportcert", "-rfc", "-alias", ALIAS, "-keystore", keystore(dir).toString(),
                "-storepass:env", PASSWORD_ENV, "-file", certificate(dir).toString());
        return password;
    }

    private static void keytool(String password, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put(PASSWORD_ENV, password);
        Process keytool = builder.start();
        String output = new String(keytool.getInputStream().readAllBytes());
        if (!keytool.waitFor(KEYTOOL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            keytool.destroyForcibly();
            throw new IOException("keytool " + args[0] + " did not finish within " + KEYTOOL_TIMEOUT.toSeconds() + " s");
        }
        if (keytool.exitValue() != 0) {
            throw new IOException("keytool " + args[0] + " failed: " + output.trim());
        }
    }
}
