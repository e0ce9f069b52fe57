package app.belfry.ui;

import static org.assertj.core.api.Assertions.assertThat;

import app.belfry.model.Notification;
import app.belfry.model.NotificationType;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.Test;

/** The search's folding, matching and highlight ranges. */
class TextSearchTest {

    private static Notification notification(String id, String title, String message) {
        return new Notification(id, NotificationType.INFO, title, message, Instant.EPOCH, false);
    }

    @Test
    void caseAndAccentsDoNotMatter() {
        assertThat(TextSearch.fold("Café ÉCOLE Straße").text()).isEqualTo("cafe ecole straße");
        assertThat(TextSearch.fold("e\u0301te\u0301").text()).as("accents written apart").isEqualTo("ete");
        assertThat(TextSearch.words("  CAFÉ   école ")).containsExactly("cafe", "ecole");
        assertThat(TextSearch.words("   ")).isEmpty();
    }

    @Test
    void everyWordMustOccurInTheTitleOrTheMessage() {
        ObservableList<Notification> list = FXCollections.observableArrayList(
                notification("1", "Café ouvert", "Le coin"),
                notification("2", "Build failed", "checkout-service: 2 tests"),
                notification("3", "École", "fermée aujourd'hui"));
        TextSearch search = new TextSearch(list);
        Predicate<Notification> cafe = search.matching(TextSearch.words("CAFE coin"));
        assertThat(list.filtered(cafe)).extracting(Notification::id).containsExactly("1");
        assertThat(list.filtered(search.matching(TextSearch.words("ecole fermee")))).extracting(Notification::id)
                .containsExactly("3");
        assertThat(list.filtered(search.matching(TextSearch.words("build coin")))).isEmpty();
        assertThat(list.filtered(search.matching(List.of()))).hasSize(3);
        assertThat(list.filtered(search.matching(TextSearch.words("failed\nchecko")))).as("not across the two")
                .extracting(Notification::id).containsExactly("2");
    }

    @Test
    void theRangesToHighlightAreInTheOriginalText() {
        assertThat(TextSearch.ranges("Le Café du café", TextSearch.words("cafe")))
                .containsExactly(new int[] {3, 7}, new int[] {11, 15});
        String decomposed = "Cafe\u0301!";
        assertThat(TextSearch.ranges(decomposed, TextSearch.words("café"))).as("the accent with its letter")
                .containsExactly(new int[] {0, 5});
        assertThat(TextSearch.ranges("abcabc", TextSearch.words("bc ab"))).as("overlaps merged")
                .containsExactly(new int[] {0, 6});
        assertThat(TextSearch.ranges("😀 café", TextSearch.words("cafe"))).containsExactly(new int[] {3, 7});
        assertThat(TextSearch.ranges("nothing", TextSearch.words("zzz"))).isEmpty();
    }
}
