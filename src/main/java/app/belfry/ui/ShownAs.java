package app.belfry.ui;

import java.util.function.Function;
import javafx.util.StringConverter;

/** A combo box's converter that only shows its values: none of Belfry's choices is typed in. */
final class ShownAs {

    private ShownAs() {
    }

    static <T> StringConverter<T> shownAs(Function<T, String> text) {
        return new StringConverter<>() {
            @Override
            public String toString(T value) {
                return text.apply(value);
            }

            @Override
            public T fromString(String typed) {
                return null;
            }
        };
    }
}
