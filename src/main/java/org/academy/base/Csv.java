package org.academy.base;

import java.util.List;

/**
 * CSV as spreadsheets read it (RFC 4180, CRLF). Cells that a spreadsheet would run as a formula
 * (starting with = + - @, or a tab or carriage return) get a leading apostrophe, so text from
 * participants can never execute on an instructor's machine.
 */
public final class Csv {

    private final StringBuilder out = new StringBuilder();

    public Csv row(Object... cells) {
        return row(java.util.Arrays.asList(cells));
    }

    public Csv row(List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells.get(i)));
        }
        out.append("\r\n");
        return this;
    }

    public static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        if (!s.isEmpty() && !(value instanceof Number) && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            s = "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
