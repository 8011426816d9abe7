package org.l96.spec;

import org.junit.jupiter.api.Test;
import org.l96.dsl.Experiment;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The discrete target pairs one sample fewer: the data's segments are counted in pairs, and keepY is a plain flag. */
class DiscreteTargetChecksTest {

    private static List<Problem> problems(String target, int validation) {
        try {
            return SpecValidator.validate(Experiment.named("d")
                    .simulate(s -> s.samples(100).couplingTarget(target).keepY(true))
                    .data(d -> d.validationLast(validation))
                    .polynomial("p", p -> p.fitDegree(1))
                    .build());
        } catch (SpecException e) {
            return e.problems();
        }
    }

    @Test
    void theLastSampleIsNoTrainingPairOfTheDiscreteTarget() {
        assertEquals(List.of(), problems("seed", 100), "101 rows: one is left to train on");
        assertEquals(List.of(), problems("discrete", 99));
        List<Problem> p = problems("discrete", 100);
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).toString().contains("leave no training data out of 100"), p.toString());
        List<Problem> bad = problems("discrte", 10);
        assertTrue(bad.toString().contains("discrete"), "the word list names it: " + bad);
    }
}
