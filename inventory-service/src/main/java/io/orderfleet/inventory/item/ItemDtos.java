package io.orderfleet.inventory.item;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

final class ItemDtos {

    static final String SKU = Skus.PATTERN;

    private ItemDtos() {
    }

    record CreateItemRequest(
            @NotNull(message = "is required") @Pattern(regexp = SKU, message = "must match " + SKU) String sku,
            @NotBlank(message = "must not be blank") @Size(max = 200, message = "must be at most 200 characters") String name,
            @Size(max = 2000, message = "must be at most 2000 characters") String description,
            @NotNull(message = "is required") @Min(value = 0, message = "must be >= 0") @Max(value = 100_000_000_00L, message = "is too large") Long priceCents,
            @NotNull(message = "is required") @Min(value = 0, message = "must be >= 0") @Max(value = 1_000_000_000, message = "is too large") Integer available) {
    }

    record UpdateItemRequest(
            @Size(min = 1, max = 200, message = "must be 1 to 200 characters") String name,
            @Size(max = 2000, message = "must be at most 2000 characters") String description,
            @Min(value = 0, message = "must be >= 0") @Max(value = 100_000_000_00L, message = "is too large") Long priceCents) {
    }

    record AdjustmentRequest(
            @NotNull(message = "is required") @Min(value = -1_000_000_000, message = "is too small") @Max(value = 1_000_000_000, message = "is too large") Integer delta,
            @NotBlank(message = "must not be blank") @Size(max = 200, message = "must be at most 200 characters") String reason) {
    }
}
