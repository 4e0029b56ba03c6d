package dev.slipway.messaging.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultiRowInsertTest {

    @Test
    void splitsABatchIntoPowersOfTwoLargestFirst() {
        // Verifies the split: 300 rows are 256 + 32 + 8 + 4, 50 are 32 + 16 + 2, one is one.
        assertThat(split(300)).containsExactly(256, 32, 8, 4);
        assertThat(split(50)).containsExactly(32, 16, 2);
        assertThat(split(1)).containsExactly(1);
        assertThat(split(1000)).containsExactly(256, 256, 256, 128, 64, 32, 8);
    }

    @Test
    void writesOneParameterGroupPerRowBetweenHeadAndSuffix() {
        // Verifies the statement text for one, two and four rows, with and without a suffix.
        MultiRowInsert insert = new MultiRowInsert("insert into t (a, b) values", "(?, ?)", "returning id");
        assertThat(insert.statement(1)).isEqualTo("insert into t (a, b) values (?, ?) returning id");
        assertThat(insert.statement(4))
                .isEqualTo("insert into t (a, b) values (?, ?), (?, ?), (?, ?), (?, ?) returning id");
        assertThat(new MultiRowInsert("insert into t (a) values", "(?)", "").statement(2))
                .isEqualTo("insert into t (a) values (?), (?)");
    }

    @Test
    void refusesARowCountItHasNoStatementFor() {
        // Verifies that only the sizes rowsInNext gives have a statement.
        MultiRowInsert insert = new MultiRowInsert("insert into t (a) values", "(?)", "");
        assertThatThrownBy(() -> insert.statement(3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> insert.statement(512)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MultiRowInsert.rowsInNext(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<Integer> split(int rows) {
        List<Integer> sizes = new ArrayList<>();
        for (int remaining = rows; remaining > 0; ) {
            int next = MultiRowInsert.rowsInNext(remaining);
            sizes.add(next);
            remaining -= next;
        }
        return sizes;
    }
}
