package io.orderfleet.inventory.reservation;

import io.orderfleet.inventory.item.Skus;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

final class ReservationDtos {

    private ReservationDtos() {
    }

    record ReserveRequest(@NotNull(message = "is required") UUID orderId,
            @NotNull(message = "is required") @Size(min = 1, max = 50, message = "must have 1 to 50 lines") List<@Valid @NotNull Line> lines) {
    }

    record Line(@NotNull(message = "is required") @Pattern(regexp = Skus.PATTERN, message = "is not a valid SKU") String sku,
            @NotNull(message = "is required") @Min(value = 1, message = "must be at least 1") @Max(value = 1000, message = "must be at most 1000") Integer qty) {
    }

    record ReservedLine(String sku, String name, int qty, long unitPriceCents) {
    }

    record Reservation(UUID orderId, String status, List<ReservedLine> lines) {
    }
}
