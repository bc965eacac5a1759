package io.ccos.policy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.values.NullValue;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.extensions.CelExtensions;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelStandardFunctions;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.cel.runtime.CelVariableResolver;
import io.ccos.policy.event.HookInput;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A rule's `when`: a CEL expression (https://cel.dev) over the hook input, compiled once when the registry
 * is, evaluated per decision without I/O. Variables: {@code tool_name} (string, "" outside tool events),
 * {@code tool_input} (map), {@code input} (the whole hook input, map) and {@code event} (string); the
 * strings extension ({@code lowerAscii}, {@code split}, ...), {@code cel.bind} and {@code matches} (RE2) are available, e.g.
 * {@code tool_input.command.matches('rm\\s+-[a-z]*r[a-z]*f')}. An expression that reads a field the input
 * lacks fails to evaluate; write {@code has(tool_input.command)} or {@code 'command' in tool_input} first.
 * JSON numbers compare across integer and double ({@code tool_input.timeout > 1.5} holds for 2).
 *
 * <p>Programs run on CEL's planner runtime, which resolves names and overloads when the program is built
 * rather than on every evaluation: a third faster on the default pack than the standard interpreter.
 */
public final class Condition {

    private static final CelOptions OPTIONS = CelOptions.current()
            .enableHeterogeneousNumericComparisons(true)
            .maxExpressionCodePointSize(4096)
            .maxParseRecursionDepth(32)
            .comprehensionMaxIterations(10_000)
            .maxRegexProgramSize(2_000)
            .build();
    private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .setOptions(OPTIONS)
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addLibraries(CelExtensions.strings(), CelExtensions.bindings())
            .addVar("tool_name", SimpleType.STRING)
            .addVar("tool_input", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .addVar("input", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .addVar("event", SimpleType.STRING)
            .setResultType(SimpleType.BOOL)
            .build();
    /**
     * CEL's own matches() compiles its pattern on every call, which made a rule of the default pack cost
     * about a millisecond; this one compiles each pattern once (patterns come from registries, not inputs).
     */
    private static final RegexCache REGEXES = new RegexCache(OPTIONS.maxRegexProgramSize());
    private static final CelRuntime RUNTIME = CelRuntimeFactory.plannerRuntimeBuilder()
            .setOptions(OPTIONS)
            .setStandardFunctions(CelStandardFunctions.newBuilder()
                    .filterFunctions((function, overload) -> function != CelStandardFunctions.StandardFunction.MATCHES)
                    .build())
            .addFunctionBindings(
                    CelFunctionBinding.from("matches", String.class, String.class, REGEXES::find),
                    CelFunctionBinding.from("matches_string", String.class, String.class, REGEXES::find))
            .addLibraries(CelExtensions.strings())
            .build();

    private static final Object TOOL_INPUT = new Object();
    private static final Object INPUT = new Object();

    private final String source;
    private final CelRuntime.Program program;

    private Condition(String source, CelRuntime.Program program) {
        this.source = source;
        this.program = program;
    }

    /** @throws IllegalArgumentException with CEL's message when the expression does not compile to a bool */
    public static Condition compile(String source) {
        CelValidationResult result = COMPILER.compile(source);
        try {
            CelAbstractSyntaxTree ast = result.getAst();
            return new Condition(source, RUNTIME.createProgram(ast));
        } catch (CelValidationException | CelEvaluationException e) {
            throw new IllegalArgumentException(result.hasError() ? result.getErrorString() : e.getMessage());
        }
    }

    public String source() {
        return source;
    }

    /** @throws ConditionException when the expression cannot be evaluated on this input */
    public boolean test(HookInput input) {
        try {
            return Boolean.TRUE.equals(program.eval(variables(input)));
        } catch (CelEvaluationException e) {
            throw new ConditionException(e.getMessage());
        }
    }

    /**
     * Each variable converted only when an expression reads it (most rules read tool_input alone), and once
     * per decision however many rules read it.
     */
    private static CelVariableResolver variables(HookInput input) {
        return name -> switch (name) {
            case "tool_name" -> Optional.of(input.toolName() == null ? "" : input.toolName());
            case "tool_input" -> Optional.of(input.derived(TOOL_INPUT, in -> plain(in.toolInput())));
            case "input" -> Optional.of(input.derived(INPUT, in -> plain(in.json())));
            case "event" -> Optional.of(input.event());
            default -> Optional.empty();
        };
    }

    /** JSON as the values CEL works on: maps, lists, String, Long, Double, Boolean, null. */
    static Object plain(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return NullValue.NULL_VALUE;
        }
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                map.put(field.getKey(), plain(field.getValue()));
            }
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            node.forEach(element -> list.add(plain(element)));
            return list;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        return node.asText();
    }

    /** A condition that failed on one input (a missing field, a type mismatch). */
    public static final class ConditionException extends RuntimeException {
        ConditionException(String message) {
            super(message, null, false, false);
        }
    }
}
