package dev.slipway.cli;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** How a command prints its result: for people, or as the library's JSON for scripts. */
enum OutputFormat {
    TEXT, JSON;

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code --format text|json}, spelled in lower case like every other value. */
    static final class Converter implements ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            return Arrays.stream(values()).filter(f -> f.label().equals(value)).findFirst()
                    .orElseThrow(() -> new TypeConversionException("`" + value + "` is not a format; use text or json"));
        }
    }

    /** For {@code ${COMPLETION-CANDIDATES}} in the help. */
    static final class Labels implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(values()).map(OutputFormat::label).iterator();
        }
    }
}
