package io.ccos.platform.edge;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * A JSON string or field name that PostgreSQL cannot store as sent: a NUL character (refused by text and
 * jsonb) or half of a surrogate pair (it would be stored as '?'). Answered as a 400 naming the field.
 */
public final class UnstorableTextException extends MismatchedInputException {

    private final String pointer;

    UnstorableTextException(JsonParser parser, String pointer, String what) {
        super(parser, "Field '" + pointer + "' " + what + ", which cannot be stored", (Class<?>) null);
        this.pointer = pointer;
    }

    /** Where the text is, as a JSON pointer ("" for the document itself). */
    public String pointer() {
        return pointer;
    }

    /** What is wrong with the text, or null when it can be stored. */
    static String defect(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return "contains a NUL character";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "contains an unpaired surrogate";
            }
            if (Character.isLowSurrogate(c)) {
                return "contains an unpaired surrogate";
            }
        }
        return null;
    }
}
