package io.orderfleet.users.ordertotals;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The users' order totals for the admin views, one query for a whole page of users. */
@Service
public class CustomerTotals {

    private final CustomerOrders orders;

    CustomerTotals(CustomerOrders orders) {
        this.orders = orders;
    }

    /** Every given user id maps to its totals ({@link OrderTotals#NONE} for a user without orders). */
    @Transactional(readOnly = true)
    public Map<Long, OrderTotals> of(Collection<Long> userIds) {
        Map<Long, OrderTotals> totals = new HashMap<>();
        userIds.forEach(id -> totals.put(id, OrderTotals.NONE));
        if (!userIds.isEmpty()) {
            orders.totals(userIds).forEach(t -> totals.put(t.getUserId(),
                    new OrderTotals(t.getOrderCount(), t.getLifetimeSpendCents(), t.getLastOrderAt())));
        }
        return totals;
    }
}
