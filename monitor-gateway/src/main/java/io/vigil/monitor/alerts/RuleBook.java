package io.vigil.monitor.alerts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.vigil.events.VigilEvent;

/**
 * The enabled rules, consulted together: events come from the feed's thread and evaluations from the scheduler or
 * a request, so each call holds the book's lock while the rules (quick, in memory) run.
 */
public final class RuleBook {

    private final List<AlertRule> rules;

    public RuleBook(List<AlertRule> rules) {
        this.rules = List.copyOf(rules);
    }

    public List<String> names() {
        return rules.stream().map(AlertRule::name).toList();
    }

    public synchronized List<Verdict> observe(VigilEvent<?> event) {
        return each(rule -> rule.observe(event));
    }

    public synchronized List<Verdict> evaluate(Instant now) {
        return each(rule -> rule.evaluate(now));
    }

    private List<Verdict> each(Function<AlertRule, List<Verdict>> ask) {
        List<Verdict> verdicts = new ArrayList<>();
        for (AlertRule rule : rules) {
            verdicts.addAll(ask.apply(rule));
        }
        return verdicts;
    }
}
