package io.orderfleet.inventory.item;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderfleet.common.web.PageQuery;
import org.junit.jupiter.api.Test;

class ItemSearchTest {

    static PageQuery query(Integer page, Integer size, String sort) {
        return PageQuery.of(page, size, sort, ItemSearch.SORTABLE, "sku,asc");
    }

    @Test
    void requestsThatReadTheSameRowsShareOnePageKey() {
        String key = ItemSearch.pageKey("kb", null, query(0, 20, "sku,asc"));

        assertThat(ItemSearch.pageKey("  KB ", null, query(null, null, null))).isEqualTo(key);
        assertThat(ItemSearch.pageKey("kb", null, query(0, 20, "sku"))).isEqualTo(key);
        assertThat(ItemSearch.pageKey("   ", null, query(0, 20, null)))
                .isEqualTo(ItemSearch.pageKey(null, null, query(0, 20, null)));
    }

    @Test
    void everyPartOfTheQueryThatChangesTheRowsChangesThePageKey() {
        String key = ItemSearch.pageKey("kb", null, query(0, 20, "sku,asc"));

        assertThat(ItemSearch.pageKey("kb", true, query(0, 20, "sku,asc"))).isNotEqualTo(key)
                .isNotEqualTo(ItemSearch.pageKey("kb", false, query(0, 20, "sku,asc")));
        assertThat(ItemSearch.pageKey("kb", null, query(1, 20, "sku,asc"))).isNotEqualTo(key);
        assertThat(ItemSearch.pageKey("kb", null, query(0, 21, "sku,asc"))).isNotEqualTo(key);
        assertThat(ItemSearch.pageKey("kb", null, query(0, 20, "sku,desc"))).isNotEqualTo(key);
        assertThat(ItemSearch.pageKey("kb", null, query(0, 20, "name,asc"))).isNotEqualTo(key);
        assertThat(ItemSearch.pageKey("kb-", null, query(0, 20, "sku,asc"))).isNotEqualTo(key);
        assertThat(ItemSearch.pageKey("k b", null, query(0, 20, "sku,asc"))).isNotEqualTo(key);
    }
}
