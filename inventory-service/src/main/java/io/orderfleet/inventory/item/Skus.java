package io.orderfleet.inventory.item;

import io.orderfleet.common.problem.ProblemException;
import java.util.regex.Pattern;

/** The one definition of a valid SKU, shared by bodies, paths and the schema's CHECK. */
public final class Skus {

    public static final String PATTERN = "^[A-Z0-9][A-Z0-9-]{1,63}$";
    private static final Pattern COMPILED = Pattern.compile(PATTERN);

    private Skus() {
    }

    /** A SKU in a path that cannot exist is a bad request, never a query. */
    public static String requireValid(String sku) {
        if (sku == null || !COMPILED.matcher(sku).matches()) {
            throw ProblemException.badRequest("SKU must match " + PATTERN + ".");
        }
        return sku;
    }
}
