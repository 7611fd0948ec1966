package io.orderfleet.orders.order;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

final class OrderDtos {

    private OrderDtos() {
    }

    record PlaceOrderRequest(
            @NotNull(message = "is required") @Size(min = 1, max = 50, message = "must have 1 to 50 lines") List<@Valid @NotNull(message = "must not be null") Line> items) {
    }

    record Line(@NotNull(message = "is required") @Pattern(regexp = "^[A-Z0-9][A-Z0-9-]{1,63}$", message = "is not a valid SKU") String sku,
            @NotNull(message = "is required") @Min(value = 1, message = "must be at least 1") @Max(value = 1000, message = "must be at most 1000") Integer qty) {
    }

    record CancelRequest(@Size(max = 300, message = "must be at most 300 characters") String reason) {
    }

    record StatusRequest(@NotNull(message = "is required") @Pattern(regexp = "PENDING|CONFIRMED|SHIPPED|DELIVERED|REJECTED|CANCELLED",
            message = "must be one of PENDING, CONFIRMED, SHIPPED, DELIVERED, REJECTED, CANCELLED") String status) {
    }
}
