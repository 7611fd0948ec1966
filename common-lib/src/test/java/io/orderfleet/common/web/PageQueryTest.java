package io.orderfleet.common.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderfleet.common.problem.ProblemException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PageQueryTest {

    private static final Map<String, String> COLUMNS = Map.of("createdAt", "created_at", "name", "name");

    @Test
    void defaultsToTheFirstPageOfTwentyInTheDefaultOrder() {
        PageQuery query = PageQuery.of(null, null, null, COLUMNS, "createdAt,desc");

        assertThat(query).isEqualTo(new PageQuery(0, 20, "created_at DESC"));
        assertThat(query.offset()).isZero();
    }

    @Test
    void aSortFieldOutsideTheAllowListIsABadRequestNotSql() {
        assertThatThrownBy(() -> PageQuery.of(0, 20, "name;drop table users", COLUMNS, "name"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status().value()).isEqualTo(400));
    }

    @Test
    void pagesLargerThanOneHundredAreRefused() {
        assertThatThrownBy(() -> PageQuery.of(0, 101, null, COLUMNS, "name"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status().value()).isEqualTo(400));
    }
}
