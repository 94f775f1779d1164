package io.intentflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.intentflow.job.IntentflowJob;
import io.intentflow.job.config.JobSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/**
 * What can be checked of the Kubernetes deployment without a Kubernetes cluster: the
 * FlinkDeployment against the CRD schema the Flink Kubernetes Operator publishes (with unknown
 * fields refused, as {@code kubectl apply}'s strict validation does), the image's {@code lib/}
 * against what the local cluster runs, {@code usrlib/} against the manifest's jar, and the
 * autoscaler's exclusions against the job's own graph.
 */
class KubernetesDeploymentTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path KUBERNETES = Path.of("kubernetes");
    private static final Path IMAGE = Path.of("target", "image");
    private static final String CRD = "META-INF/fabric8/flinkdeployments.flink.apache.org-v1.yml";
    private static final String FLINK_VERSION = "v2_2";
    // Flink's own lib/ holds these (at versions Flink needs): the image must not shadow them.
    private static final List<String> FLINK_PROVIDES = List.of(
            "flink-", "log4j-", "slf4j-", "commons-io-", "commons-lang3-", "commons-compress-", "commons-math3-");

    @Test
    void theFlinkDeploymentFitsTheOperatorsCrdSchema() throws IOException {
        JsonNode schema = crdSchema(YAML.readTree(resource(CRD)), "v1beta1");
        JsonNode manifest = YAML.readTree(KUBERNETES.resolve("flinkdeployment.yaml").toFile());
        Set<String> flinkVersions = new TreeSet<>();
        schema.at("/properties/spec/properties/flinkVersion/enum").forEach(v -> flinkVersions.add(v.asText()));
        System.out.printf("KubernetesDeploymentTest: the operator API's CRD (%s) accepts flinkVersion %s%n", CRD, flinkVersions);

        List<Error> errors = strictly(schema).validate(manifest);
        errors.forEach(e -> System.out.printf("KubernetesDeploymentTest: %s %s%n", e.getInstanceLocation(), e.getMessage()));

        assertThat(manifest.at("/spec/flinkVersion").asText()).isEqualTo(FLINK_VERSION);
        if (flinkVersions.contains(FLINK_VERSION)) {
            assertThat(errors).isEmpty();
        } else {
            // The newest operator API on Maven Central predates Flink 2.2: everything but that one value must fit.
            assertThat(errors).singleElement().satisfies(e -> assertThat(e.getInstanceLocation().toString()).isEqualTo("/spec/flinkVersion"));
        }
    }

    @Test
    void theKafkaSecretIsWhatTheDeploymentMounts() throws IOException {
        JsonNode secret = YAML.readTree(KUBERNETES.resolve("kafka-secret.yaml").toFile());
        JsonNode manifest = YAML.readTree(KUBERNETES.resolve("flinkdeployment.yaml").toFile());
        JsonNode volume = manifest.at("/spec/podTemplate/spec/volumes/0");

        assertThat(secret.path("kind").asText()).isEqualTo("Secret");
        assertThat(volume.at("/secret/secretName").asText()).isEqualTo(secret.at("/metadata/name").asText());
        String jaas = "${secret:" + manifest.at("/spec/podTemplate/spec/containers/0/volumeMounts/0/mountPath").asText() + ":sasl.jaas.config}";
        assertThat(args(manifest)).containsSequence("--kafka.properties.sasl.jaas.config", jaas);
        assertThat(secret.at("/stringData").fieldNames()).toIterable().containsExactly("sasl.jaas.config");
    }

    @Test
    void theImagesLibHoldsWhatTheLocalClusterRunsBesidesFlink() throws IOException {
        List<Path> clusterClasspath = Arrays.stream(Files.readString(Path.of("..", "job", "target", "cluster.classpath")).trim().split(":"))
                .map(Path::of)
                .toList();
        List<String> clusterJars = clusterClasspath.stream().map(jar -> jar.getFileName().toString()).toList();
        List<String> dl4j = clusterClasspath.stream()
                .filter(jar -> Stream.of("deeplearning4j", "nd4j", "bytedeco").anyMatch(group -> jar.toString().contains("/org/" + group + "/")))
                .map(jar -> jar.getFileName().toString())
                .toList();
        List<String> lib = fileNames(IMAGE.resolve("lib"));
        List<String> flinksOwn = clusterJars.stream().filter(jar -> !lib.contains(jar)).toList();
        System.out.printf("KubernetesDeploymentTest: image lib/ %d jars; of the local cluster's %d, left to Flink's image: %s%n",
                lib.size(), clusterJars.size(), flinksOwn);

        assertThat(lib).as("the image's lib/, jar by jar, at the versions the local cluster runs").isNotEmpty().isSubsetOf(clusterJars);
        assertThat(lib).as("DL4J, ND4J, JavaCPP and OpenBLAS of the local cluster").containsAll(dl4j);
        assertThat(lib).as("no jar that Flink's own lib/ holds")
                .noneMatch(jar -> FLINK_PROVIDES.stream().anyMatch(jar::startsWith));
    }

    @Test
    void theUsrlibHoldsTheJarTheDeploymentRuns() throws IOException {
        JsonNode manifest = YAML.readTree(KUBERNETES.resolve("flinkdeployment.yaml").toFile());
        String jarUri = manifest.at("/spec/job/jarURI").asText();

        assertThat(jarUri).startsWith("local:///opt/flink/usrlib/");
        assertThat(fileNames(IMAGE.resolve("usrlib"))).containsExactly(Path.of(jarUri.substring("local://".length())).getFileName().toString());
        assertThat(manifest.at("/spec/job/entryClass").asText()).isEqualTo(IntentflowJob.class.getName());
    }

    @Test
    void theAutoscalerLeavesTheJobsSingleVerticesAlone() throws IOException {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        IntentflowJob.onKafka(JobSettings.from(new Configuration())).build(env);
        Set<String> single = new TreeSet<>();
        for (JobVertex vertex : env.getStreamGraph().getJobGraph().getVertices()) {
            if (vertex.getParallelism() == 1) {
                single.add(vertex.getID().toHexString());
            }
        }
        JsonNode config = YAML.readTree(KUBERNETES.resolve("flinkdeployment.yaml").toFile()).at("/spec/flinkConfiguration");
        Set<String> excluded = new TreeSet<>(List.of(config.path("job.autoscaler.vertex.exclude.ids").asText().split(";")));

        assertThat(single).as("vertices the job runs at parallelism 1 (trainer, model-updates source)").hasSize(2);
        assertThat(excluded).as("job.autoscaler.vertex.exclude.ids").isEqualTo(single);
    }

    /** The {@code openAPIV3Schema} of one served version of a CustomResourceDefinition. */
    private static JsonNode crdSchema(JsonNode crd, String version) {
        for (JsonNode v : crd.at("/spec/versions")) {
            if (v.path("name").asText().equals(version)) {
                return v.at("/schema/openAPIV3Schema");
            }
        }
        throw new AssertionError("the CRD serves no version " + version);
    }

    /**
     * The schema with unknown fields refused wherever Kubernetes would refuse them: an object
     * that lists its properties and neither allows others nor preserves unknown fields. Not at
     * the top, where Kubernetes itself adds apiVersion, kind and metadata.
     */
    private static Schema strictly(JsonNode schema) {
        JsonNode strict = schema.deepCopy();
        strict.path("properties").forEach(KubernetesDeploymentTest::refuseUnknownFields);
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(strict);
    }

    private static void refuseUnknownFields(JsonNode node) {
        if (node instanceof ObjectNode object && object.has("properties") && !object.has("additionalProperties")
                && !object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
            object.put("additionalProperties", false);
        }
        node.forEach(KubernetesDeploymentTest::refuseUnknownFields);
    }

    private static List<String> args(JsonNode manifest) {
        List<String> args = new ArrayList<>();
        manifest.at("/spec/job/args").forEach(a -> args.add(a.asText()));
        return args;
    }

    private static List<String> fileNames(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    private static InputStream resource(String name) {
        InputStream in = KubernetesDeploymentTest.class.getClassLoader().getResourceAsStream(name);
        assertThat(in).as(name + " on the test classpath (flink-kubernetes-operator-api)").isNotNull();
        return in;
    }
}
