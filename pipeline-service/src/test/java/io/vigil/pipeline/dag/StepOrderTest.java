package io.vigil.pipeline.dag;

import static io.vigil.pipeline.dag.NextStepsTest.pipeline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.vigil.pipeline.definition.PipelineDefinition;
import io.vigil.pipeline.definition.StepDefinition;

class StepOrderTest {

    @Test
    void stepsWithoutNeedsKeepTheirDeclarationOrder() {
        assertThat(names(pipeline("""
                - {name: c, run: x}
                - {name: a, run: x}
                - {name: b, run: x}
                """))).containsExactly("c", "a", "b");
    }

    @Test
    void everyStepComesAfterItsNeeds() {
        assertThat(names(pipeline("""
                - {name: d, run: x, needs: [b, c]}
                - {name: c, run: x, needs: [a]}
                - {name: b, run: x, needs: [a]}
                - {name: a, run: x}
                """))).containsExactly("a", "c", "b", "d");
    }

    @Test
    void aStepFreedByItsNeedGoesBeforeLaterDeclaredSteps() {
        assertThat(names(pipeline("""
                - {name: a, run: x}
                - {name: x, run: x, needs: [a]}
                - {name: b, run: x}
                - {name: y, run: x, needs: [b, x]}
                """))).containsExactly("a", "x", "b", "y");
    }

    @Test
    void aCycleThatNoParserWouldAcceptIsRefused() {
        PipelineDefinition cyclic = new PipelineDefinition("p", null, null, List.of(
                new StepDefinition("a", "x", List.of("b"), null, null, null, null, false, null),
                new StepDefinition("b", "x", List.of("a"), null, null, null, null, false, null)));

        assertThatThrownBy(() -> StepOrder.of(cyclic)).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<String> names(PipelineDefinition definition) {
        return StepOrder.of(definition).stream().map(StepDefinition::name).toList();
    }
}
