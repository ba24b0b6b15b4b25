package io.bayestune.optimizer.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.bayestune.optimizer.kernel.KernelShape;
import org.junit.jupiter.api.Test;

/** The measured rule of the default local kernel: two-scale in up to 20 dimensions at a bandwidth of up to 64. */
class LocalKernelTest {

  @Test
  void autoIsTwoScaleOnlyInLowDimensionsAtModestBandwidth() {
    assertSame(KernelShape.TWO_SCALE, LocalKernel.AUTO.forBandwidth(64).shape(12));
    assertSame(KernelShape.TWO_SCALE, LocalKernel.AUTO.forBandwidth(1).shape(LocalModelOptions.HIGH_DIMENSION));
    assertSame(KernelShape.MATERN52, LocalKernel.AUTO.forBandwidth(1).shape(LocalModelOptions.HIGH_DIMENSION + 1));
    assertSame(LocalKernel.MATERN52, LocalKernel.AUTO.forBandwidth(65));
    assertSame(KernelShape.MATERN52, LocalKernel.AUTO.forBandwidth(256).shape(12));
  }

  @Test
  void anExplicitChoiceHoldsInEveryDimensionAndBandwidth() {
    assertSame(KernelShape.TWO_SCALE, LocalKernel.TWO_SCALE.forBandwidth(256).shape(50));
    assertSame(KernelShape.MATERN52, LocalKernel.MATERN52.forBandwidth(1).shape(3));
  }

  @Test
  void namesRoundTripAndABadOneIsNamedWithTheChoices() {
    for (LocalKernel k : LocalKernel.values()) {
      assertSame(k, LocalKernel.named("local_kernel", k.jsonName()));
    }
    assertEquals("local_kernel: must be auto, matern52 or two-scale, but got \"rbf\"",
        assertThrows(IllegalArgumentException.class, () -> LocalKernel.named("local_kernel", "rbf")).getMessage());
  }
}
