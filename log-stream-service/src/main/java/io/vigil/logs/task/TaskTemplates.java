package io.vigil.logs.task;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import jakarta.enterprise.context.ApplicationScoped;

import io.vigil.logs.config.LogStreamConfig;

/**
 * The configured templates tasks are started from, checked at start-up. A request names a template and gives
 * values for its parameters; each value must match its parameter's pattern in full. Values reach the command
 * only as environment variables, or as whole arguments, never spliced into a shell's text.
 */
@ApplicationScoped
public class TaskTemplates {

    private static final Pattern PARAMETER_NAME = Pattern.compile("[a-z][a-z0-9_]{0,31}");
    /** Variables a parameter may not set: they change how the shell and the loader behave. */
    private static final Set<String> RESERVED = Set.of("PATH", "HOME", "SHELL", "IFS", "ENV", "BASH_ENV", "PWD",
            "OLDPWD", "LANG", "TMPDIR", "USER", "LOGNAME", "PS4", "CDPATH", "GLOBIGNORE");

    /**
     * A template ready to run: its command line ({@code placeholders}: an argument {@code {name}} is replaced by
     * that parameter's value), and its parameters' patterns.
     */
    public record Template(String name, String description, List<String> command, boolean placeholders,
            Map<String, Parameter> params, Duration timeout) {
    }

    public record Parameter(String name, Pattern pattern, boolean required, boolean secret, String description) {
        public String variable() {
            return name.toUpperCase(Locale.ROOT);
        }
    }

    /** What to run for a request: the command line, its environment's parameters, and which values are secret. */
    public record Resolved(Template template, List<String> command, Map<String, String> environment,
            Map<String, String> publicParams, List<String> secrets) {
    }

    private final Map<String, Template> templates = new TreeMap<>();

    TaskTemplates(LogStreamConfig config) {
        config.templates().forEach((name, template) -> templates.put(name, check(name, template)));
    }

    public List<Template> all() {
        return List.copyOf(templates.values());
    }

    /** The command, environment and secrets for {@code params} given to {@code templateName}; refused when invalid. */
    public Resolved resolve(String templateName, Map<String, String> params) {
        if (templateName == null || templateName.isBlank()) {
            throw new TaskRefused("template", "is required");
        }
        Template template = templates.get(templateName);
        if (template == null) {
            throw new TaskRefused("template", "no template named '" + templateName + "'; there are "
                    + templates.keySet());
        }
        Map<String, String> given = params == null ? Map.of() : params;
        for (String name : given.keySet()) {
            if (!template.params().containsKey(name)) {
                throw new TaskRefused("params." + name, "template " + template.name() + " takes no parameter '" + name
                        + "'; it takes " + template.params().keySet());
            }
        }
        Map<String, String> environment = new LinkedHashMap<>();
        Map<String, String> publicParams = new TreeMap<>();
        List<String> secrets = new ArrayList<>();
        for (Parameter parameter : template.params().values()) {
            String value = given.get(parameter.name());
            if (value == null) {
                if (parameter.required()) {
                    throw new TaskRefused("params." + parameter.name(), "is required");
                }
                continue;
            }
            if (!parameter.pattern().matcher(value).matches()) {
                throw new TaskRefused("params." + parameter.name(), "must match " + parameter.pattern().pattern());
            }
            environment.put(parameter.variable(), value);
            if (parameter.secret()) {
                secrets.add(value);
            } else {
                publicParams.put(parameter.name(), value);
            }
        }
        List<String> command = template.command().stream()
                .map(arg -> template.placeholders() && isPlaceholder(arg)
                        ? given.getOrDefault(arg.substring(1, arg.length() - 1), "") : arg)
                .toList();
        return new Resolved(template, command, environment, publicParams, secrets);
    }

    private static Template check(String name, LogStreamConfig.Template config) {
        String prefix = "vigil.logs.templates." + name;
        if (!PARAMETER_NAME.matcher(name.replace('-', '_')).matches()) {
            throw new IllegalArgumentException(prefix + ": a template name is a-z, 0-9, _ and -, at most 32 characters");
        }
        if (config.script().isPresent() == config.command().isPresent()) {
            throw new IllegalArgumentException(prefix + ": give either script or command");
        }
        Map<String, Parameter> params = new TreeMap<>();
        config.params().forEach((param, p) -> {
            if (!PARAMETER_NAME.matcher(param).matches() || RESERVED.contains(param.toUpperCase(Locale.ROOT))
                    || param.toUpperCase(Locale.ROOT).startsWith("LD_")) {
                throw new IllegalArgumentException(prefix + ".params." + param + ": a parameter name is a-z, 0-9 and _,"
                        + " at most 32 characters, and none of " + RESERVED + " or LD_*");
            }
            try {
                params.put(param, new Parameter(param, Pattern.compile(p.pattern()), p.required(), p.secret(),
                        p.description().orElse(null)));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(prefix + ".params." + param + ".pattern: " + e.getDescription(), e);
            }
        });
        List<String> command = config.script().map(script -> List.of("/bin/sh", "-c", script))
                .orElseGet(() -> config.command().orElseThrow());
        for (String arg : command) {
            if (config.command().isPresent() && isPlaceholder(arg) && !params.containsKey(arg.substring(1, arg.length() - 1))) {
                throw new IllegalArgumentException(prefix + ".command: " + arg + " names no parameter");
            }
        }
        return new Template(name, config.description().orElse(null), command, config.command().isPresent(),
                Collections.unmodifiableMap(params), config.timeout());
    }

    private static boolean isPlaceholder(String arg) {
        return arg.length() > 2 && arg.startsWith("{") && arg.endsWith("}");
    }
}
