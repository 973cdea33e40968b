package io.vigil.pipeline.definition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import io.vigil.events.Status;

/**
 * Turns a parsed document into a {@link PipelineDefinition}, checking every field and collecting every problem at
 * its JSON pointer rather than stopping at the first, so an author fixes a definition in one go. Keys it does not
 * know are ignored, so that a definition written for a newer Vigil still loads.
 */
final class DocumentReader {

    static final int MAX_NAME_CHARS = 100;
    static final int MAX_PROJECT_CHARS = 200;
    static final int MAX_STEPS = 200;
    static final Duration MAX_DURATION = Duration.ofHours(24);

    // Names go into URLs and log task ids; variable names into a process's environment.
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    static boolean isVariableName(String name) {
        return VARIABLE.matcher(name).matches();
    }
    private static final String STATUSES = Arrays.stream(Status.values()).filter(s -> s != Status.UNKNOWN)
            .map(Status::wire).collect(Collectors.joining(", "));

    private final List<DefinitionError> errors = new ArrayList<>();

    private DocumentReader() {
    }

    static PipelineDefinition read(JsonNode root) {
        DocumentReader reader = new DocumentReader();
        PipelineDefinition definition = reader.pipeline(root);
        if (!reader.errors.isEmpty()) {
            throw new DefinitionInvalid(reader.errors);
        }
        return definition;
    }

    private PipelineDefinition pipeline(JsonNode root) {
        if (!root.isObject()) {
            return invalid("", "must be an object with a name and steps");
        }
        String name = name(root.get("name"), "/name");
        Map<String, String> params = variables(root.get("params"), "/params");
        Trigger trigger = trigger(root.get("trigger"), "/trigger");
        List<StepDefinition> steps = steps(root.get("steps"), "/steps");
        errors.addAll(NeedsCycles.find(steps));
        return errors.isEmpty() ? new PipelineDefinition(name, params, trigger, steps) : null;
    }

    private Trigger trigger(JsonNode node, String at) {
        if (absent(node)) {
            return null;
        }
        if (!node.isObject()) {
            return invalid(at, "must be an object with a project and optionally a status");
        }
        String project = text(node.get("project"), at + "/project", true);
        if (project != null && project.length() > MAX_PROJECT_CHARS) {
            error(at + "/project", "must be at most " + MAX_PROJECT_CHARS + " characters");
        }
        JsonNode statusNode = node.get("status");
        Status status = null;
        if (!absent(statusNode)) {
            status = statusNode.isTextual() ? Status.fromWire(statusNode.textValue()) : Status.UNKNOWN;
            if (status == Status.UNKNOWN) {
                status = invalid(at + "/status", "must be one of " + STATUSES);
            }
        }
        return new Trigger(project, status);
    }

    /** The steps as read, null where a step is not even an object; the list is only used when nothing was wrong. */
    private List<StepDefinition> steps(JsonNode node, String at) {
        String fault = absent(node) ? "is required"
                : !node.isArray() ? "must be a list of steps"
                : node.isEmpty() ? "must list at least one step"
                : node.size() > MAX_STEPS ? "must list at most " + MAX_STEPS + " steps"
                : null;
        if (fault != null) {
            error(at, fault);
            return List.of();
        }
        Map<String, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode name = node.get(i).path("name");
            if (name.isTextual()) {
                firstIndex.putIfAbsent(name.textValue(), i);
            }
        }
        List<StepDefinition> steps = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            steps.add(step(node.get(i), at + "/" + i, i, firstIndex));
        }
        return steps;
    }

    private StepDefinition step(JsonNode node, String at, int index, Map<String, Integer> firstIndex) {
        if (!node.isObject()) {
            return invalid(at, "must be an object with a name and a command to run");
        }
        String name = name(node.get("name"), at + "/name");
        if (name != null && firstIndex.get(name) != index) {
            error(at + "/name", "is already the name of /steps/" + firstIndex.get(name));
        }
        return new StepDefinition(name,
                text(node.get("run"), at + "/run", true),
                needs(node.get("needs"), at + "/needs", name, firstIndex),
                variables(node.get("env"), at + "/env"),
                workdir(node.get("workdir"), at + "/workdir"),
                timeout(node.get("timeout"), at + "/timeout"),
                retries(node.get("retries"), at + "/retries"),
                flag(node.get("allow_failure"), at + "/allow_failure"),
                when(node.get("when"), at + "/when"));
    }

    /** The needs that name another step, each once; the others are reported. */
    private List<String> needs(JsonNode node, String at, String self, Map<String, Integer> declared) {
        if (absent(node)) {
            return List.of();
        } else if (!node.isArray()) {
            return invalid(at, "must be a list of step names");
        }
        List<String> needs = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String entry = at + "/" + i;
            String need = node.get(i).textValue();
            if (need == null) {
                error(entry, "must be the name of a step");
            } else if (need.equals(self)) {
                error(entry, "names the step itself; a step cannot need itself");
            } else if (!declared.containsKey(need)) {
                error(entry, "names no step of this pipeline: '" + need + "'");
            } else if (needs.contains(need)) {
                error(entry, "repeats '" + need + "'");
            } else {
                needs.add(need);
            }
        }
        return needs;
    }

    /** Parameters or environment: variable names to values; YAML numbers and booleans are taken as their text. */
    private Map<String, String> variables(JsonNode node, String at) {
        if (absent(node)) {
            return Map.of();
        } else if (!node.isObject()) {
            return invalid(at, "must be an object of names to values");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String key = entry.getKey();
            String field = at + "/" + key.replace("~", "~0").replace("/", "~1");
            JsonNode value = entry.getValue();
            if (key.length() > MAX_NAME_CHARS || !VARIABLE.matcher(key).matches()) {
                error(field, "has a name that is not a variable name (letters, digits and '_', not starting with a digit)");
            } else if (!value.isValueNode() || value.isNull()) {
                error(field, "must be a string, number or boolean");
            } else if (value.asText().indexOf('\0') >= 0) {
                error(field, "must not contain NUL characters");
            } else {
                values.put(key, value.asText());
            }
        }
        return values;
    }

    private String workdir(JsonNode node, String at) {
        String workdir = text(node, at, false);
        if (workdir == null) {
            return null;
        } else if (workdir.startsWith("/") || workdir.startsWith("\\") || workdir.matches("[A-Za-z]:.*")) {
            return invalid(at, "must be a path relative to the run's directory");
        } else if (Arrays.asList(workdir.split("[/\\\\]")).contains("..")) {
            return invalid(at, "must not leave the run's directory ('..')");
        }
        return workdir;
    }

    private Duration timeout(JsonNode node, String at) {
        Duration timeout = duration(node, at);
        if (timeout == null) {
            return null;
        } else if (timeout.isNegative() || timeout.isZero()) {
            return invalid(at, "must be longer than zero");
        } else if (timeout.compareTo(MAX_DURATION) > 0) {
            return invalid(at, "must be at most 24h");
        }
        return timeout;
    }

    private Retries retries(JsonNode node, String at) {
        if (absent(node)) {
            return Retries.NONE;
        } else if (!node.isObject()) {
            return invalid(at, "must be an object with a count and optionally a backoff");
        }
        JsonNode count = node.get("count");
        if (absent(count)) {
            error(at + "/count", "is required");
        } else if (!count.isIntegralNumber() || !count.canConvertToInt() || count.intValue() < 0 || count.intValue() > 10) {
            error(at + "/count", "must be a whole number from 0 to 10");
        }
        Duration backoff = duration(node.get("backoff"), at + "/backoff");
        if (backoff != null && backoff.isNegative()) {
            error(at + "/backoff", "must not be negative");
        } else if (backoff != null && backoff.compareTo(MAX_DURATION) > 0) {
            error(at + "/backoff", "must be at most 24h");
        }
        return new Retries(count == null ? 0 : count.intValue(), backoff);
    }

    private boolean flag(JsonNode node, String at) {
        if (absent(node)) {
            return false;
        } else if (!node.isBoolean()) {
            error(at, "must be true or false");
        }
        return node.booleanValue();
    }

    private When when(JsonNode node, String at) {
        if (absent(node)) {
            return When.ON_SUCCESS;
        }
        Optional<When> when = When.fromWire(node.textValue());
        return when.orElseGet(() -> invalid(at, "must be one of on_success, on_failure, always"));
    }

    private Duration duration(JsonNode node, String at) {
        if (absent(node)) {
            return null;
        }
        Optional<Duration> duration = node.isTextual() ? DurationText.parse(node.textValue()) : Optional.empty();
        return duration.orElseGet(() -> invalid(at, "must be a duration such as 500ms, 30s, 5m, 1h or PT30S"));
    }

    private String name(JsonNode node, String at) {
        String name = text(node, at, true);
        if (name == null) {
            return null;
        } else if (name.length() > MAX_NAME_CHARS) {
            return invalid(at, "must be at most " + MAX_NAME_CHARS + " characters");
        } else if (!NAME.matcher(name).matches()) {
            return invalid(at, "must start with a letter or digit and hold only letters, digits, '_', '.' and '-'");
        }
        return name;
    }

    /** A string that is not blank, or null once its absence (if required) or its fault is reported. */
    private String text(JsonNode node, String at, boolean required) {
        if (absent(node)) {
            return required ? invalid(at, "is required") : null;
        } else if (!node.isTextual()) {
            return invalid(at, "must be a string");
        } else if (node.textValue().isBlank()) {
            return invalid(at, "must not be blank");
        } else if (node.textValue().indexOf('\0') >= 0) {
            return invalid(at, "must not contain NUL characters");
        }
        return node.textValue();
    }

    /** A null value counts as left out, as YAML writes an empty key. */
    private static boolean absent(JsonNode node) {
        return node == null || node.isNull();
    }

    private void error(String pointer, String message) {
        errors.add(new DefinitionError(pointer, message));
    }

    private <T> T invalid(String pointer, String message) {
        error(pointer, message);
        return null;
    }
}
