package io.intentflow.records;

/** What the purchases source emits: exactly one of a valid order or a dead letter. */
public record IngestedPurchase(Purchase purchase, DeadLetter deadLetter) implements Ingested<Purchase> {

    public static IngestedPurchase valid(Purchase purchase) {
        return new IngestedPurchase(purchase, null);
    }

    public static IngestedPurchase rejected(DeadLetter deadLetter) {
        return new IngestedPurchase(null, deadLetter);
    }

    @Override
    public Purchase value() {
        return purchase;
    }
}
