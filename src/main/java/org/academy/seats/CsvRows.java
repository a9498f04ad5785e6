package org.academy.seats;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * RFC 4180 CSV as spreadsheets write it (Commons CSV): optional UTF-8 byte-order mark, CRLF or LF
 * line ends, quoted fields with commas, line breaks and doubled quotes inside. Each row keeps the
 * line it started on, so errors can name it. A line the parser cannot read (a quote never closed,
 * text after a closing quote) is reported with its number and reading goes on at the next line,
 * so one stray quote never swallows the rest of the file.
 */
final class CsvRows {

    record Row(int line, List<String> cells) {
    }

    record Broken(int line, String message) {
    }

    record Parsed(List<Row> rows, List<Broken> broken) {
    }

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();
    private static final Pattern ERROR_LINE = Pattern.compile("(?:startline|line:?)\\s*(\\d+)");

    private CsvRows() {
    }

    static Parsed parse(String text) {
        List<Row> rows = new ArrayList<>();
        List<Broken> broken = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return new Parsed(rows, broken);
        }
        String s = text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
        int[] lineStarts = lineStarts(s);
        int from = 0;
        while (from < s.length()) {
            int firstLine = lineOf(lineStarts, from);
            try (CSVParser parser = FORMAT.parse(new StringReader(s.substring(from)))) {
                for (CSVRecord record : parser) {
                    rows.add(new Row(lineOf(lineStarts, from + (int) record.getCharacterPosition()), record.toList()));
                }
                from = s.length();
            } catch (UncheckedIOException | IOException failed) {
                String message = failed instanceof UncheckedIOException u ? u.getCause().getMessage() : failed.getMessage();
                Matcher at = ERROR_LINE.matcher(message == null ? "" : message);
                // The parser counts lines from 1 in the part it was given.
                int line = at.find() ? firstLine + Integer.parseInt(at.group(1)) - 1 : firstLine;
                boolean unclosed = message != null && message.contains("EOF");
                broken.add(new Broken(line, unclosed
                        ? "A quoted field starts here and its closing quote is missing."
                        : "Text after a closing quote; put the whole field in quotes and double the quotes inside."));
                int next = Math.max(line, firstLine) + 1;
                int resume = next - 1 < lineStarts.length ? lineStarts[next - 1] : s.length();
                if (resume <= from) {
                    resume = s.length();
                }
                // Rows read before the broken one were kept; drop any the parser returned from it on.
                int brokenLine = line;
                rows.removeIf(r -> r.line() >= brokenLine && r.line() >= firstLine);
                from = resume;
            }
        }
        return new Parsed(rows, broken);
    }

    /** Offsets where each line starts; line n (from 1) starts at index n - 1. */
    private static int[] lineStarts(String s) {
        int[] starts = new int[16];
        int count = 0;
        starts[count++] = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= s.length() || s.charAt(i + 1) != '\n'))) {
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = i + 1;
            }
        }
        return Arrays.copyOf(starts, count);
    }

    private static int lineOf(int[] lineStarts, int offset) {
        int found = Arrays.binarySearch(lineStarts, offset);
        return (found >= 0 ? found : -found - 2) + 1;
    }
}
