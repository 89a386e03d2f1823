package io.smollama.node.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class ParamSpecTest {

    private final ParamSpec millis = ParamSpec.integer("millis", "pulse length", 1, 10_000);

    @Test
    void integersAreExactAndNeverWrapAround() {
        assertThat(millis.convert(100L)).isEqualTo(100L);
        assertThat(millis.convert(100.0)).isEqualTo(100L);
        assertThatThrownBy(() -> millis.convert(new BigInteger("18446744073709551716")))
                .hasMessage("parameter 'millis' is out of range: expected an integer from 1 to 10000,"
                        + " got 18446744073709551716");
        assertThatThrownBy(() -> millis.convert(1e30))
                .hasMessageContaining("out of range")
                .hasMessageContaining("1000000");
        assertThatThrownBy(() -> millis.convert(new BigDecimal("12.5"))).hasMessageContaining("expected an integer");
        assertThatThrownBy(() -> millis.convert(Double.NaN)).hasMessageContaining("expected an integer");
    }

    @Test
    void anUnboundedIntegerBeyondALongIsRefused() {
        ParamSpec any = new ParamSpec("n", ParamSpec.Type.INTEGER, "n", true, null, null, java.util.List.of());
        assertThat(any.convert(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> any.convert(new BigInteger("9223372036854775808")))
                .hasMessageContaining("out of range");
    }
}
