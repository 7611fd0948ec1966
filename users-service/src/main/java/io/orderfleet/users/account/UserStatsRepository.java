package io.orderfleet.users.account;

import java.util.List;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

/** The admin dashboard's aggregations, each one statement computed by PostgreSQL. */
interface UserStatsRepository extends Repository<UserAccount, Long> {

    interface SignupDay {
        String getDate();

        long getCount();
    }

    @Query("SELECT new io.orderfleet.users.account.UserTotals(count(u),"
            + " coalesce(sum(CASE WHEN u.active THEN 1L ELSE 0L END), 0L),"
            + " coalesce(sum(CASE WHEN u.role = 'admin' THEN 1L ELSE 0L END), 0L)) FROM UserAccount u")
    UserTotals totals();

    /** One row per UTC day of the last {@code days} days, zero where nobody signed up (generate_series). */
    @Query(value = """
            SELECT CAST(d AS date)::text AS date, count(u.id) AS count
            FROM generate_series((now() AT TIME ZONE 'UTC')::date - (:days - 1), (now() AT TIME ZONE 'UTC')::date,
                                 interval '1 day') AS d
            LEFT JOIN users u ON (u.created_at AT TIME ZONE 'UTC')::date = d::date
            GROUP BY d ORDER BY d""", nativeQuery = true)
    List<SignupDay> signupsPerDay(@Param("days") int days);
}
