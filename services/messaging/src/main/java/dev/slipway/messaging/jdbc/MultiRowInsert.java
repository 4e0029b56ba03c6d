package dev.slipway.messaging.jdbc;

/**
 * The text of an {@code insert … values (…), (…) …} statement for many rows, and how to split the
 * rows of a batch among such statements.
 *
 * <p>One statement for many rows starts PostgreSQL's executor once, where a JDBC batch of one-row
 * statements starts it once per row (reading the table's checks anew each time). A batch is split
 * into statements of 1, 2, 4 … {@value #LARGEST} rows, largest first, so that a table has at most
 * nine statement texts and each is prepared once per connection.
 */
public final class MultiRowInsert {

    /** Rows in one statement at most. */
    public static final int LARGEST = 256;

    private final String[] statements = new String[Integer.numberOfTrailingZeros(LARGEST) + 1];

    /**
     * @param head   the statement up to {@code values}, such as {@code insert into t (a, b) values}
     * @param row    one row's parameters, such as {@code (?, ?)}
     * @param suffix what follows the rows, such as {@code on conflict do nothing returning id}; may be empty
     */
    public MultiRowInsert(String head, String row, String suffix) {
        for (int k = 0; k < statements.length; k++) {
            int rows = 1 << k;
            StringBuilder sql = new StringBuilder(head.length() + rows * (row.length() + 2) + suffix.length() + 2)
                    .append(head).append(' ');
            for (int r = 0; r < rows; r++) {
                sql.append(r == 0 ? "" : ", ").append(row);
            }
            statements[k] = sql.append(suffix.isEmpty() ? "" : " ").append(suffix).toString();
        }
    }

    /** How many of {@code remaining} rows the next statement takes: the largest power of two that fits. */
    public static int rowsInNext(int remaining) {
        if (remaining < 1) {
            throw new IllegalArgumentException("no rows remain; was " + remaining);
        }
        return Math.min(LARGEST, Integer.highestOneBit(remaining));
    }

    /** The statement for {@code rows} rows, which {@link #rowsInNext} gave. */
    public String statement(int rows) {
        if (rows < 1 || rows > LARGEST || Integer.bitCount(rows) != 1) {
            throw new IllegalArgumentException("a statement holds a power of two rows up to " + LARGEST + "; was " + rows);
        }
        return statements[Integer.numberOfTrailingZeros(rows)];
    }
}
