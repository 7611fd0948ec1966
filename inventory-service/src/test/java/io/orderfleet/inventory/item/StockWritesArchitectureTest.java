package io.orderfleet.inventory.item;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaFieldAccess.AccessType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.persistence.Column;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Stock may only change through the conditional UPDATEs of {@link ItemRepository}: a change made by
 * reading an {@link Item}, changing its stock in Java and letting Hibernate write it back would lose
 * concurrent reservations or oversell. These checks fail as soon as such a path is added.
 */
class StockWritesArchitectureTest {

    static final List<String> STOCK_FIELDS = List.of("available", "reserved", "initialStock", "archived");

    @Test
    void onlyTheConstructorOfItemEverAssignsStockFields() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.orderfleet.inventory");
        var item = classes.get(Item.class);

        for (String field : STOCK_FIELDS) {
            List<String> writers = item.getField(field).getAccessesToSelf().stream()
                    .filter(access -> access.getAccessType() == AccessType.SET)
                    .filter(access -> !access.getOrigin().isConstructor()
                            || !access.getOrigin().getOwner().isEquivalentTo(Item.class))
                    .map(JavaAccess::getDescription)
                    .toList();
            assertThat(writers).as("writes of Item." + field + " outside its constructor").isEmpty();
        }
    }

    @Test
    void stockColumnsAreNotUpdatableThroughTheEntity() throws NoSuchFieldException {
        for (String field : STOCK_FIELDS) {
            Column column = Item.class.getDeclaredField(field).getAnnotation(Column.class);
            assertThat(column).as("@Column on Item." + field).isNotNull();
            assertThat(column.updatable()).as("Item." + field + " is updatable").isFalse();
        }
    }
}
