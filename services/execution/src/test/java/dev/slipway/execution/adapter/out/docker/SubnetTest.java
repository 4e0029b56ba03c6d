package dev.slipway.execution.adapter.out.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SubnetTest {

    @Test
    void readsAndWritesCidrNotation() {
        // Verifies the round trip of a subnet through its CIDR text, and its size.
        Subnet subnet = Subnet.parse("10.213.0.64/26");

        assertThat(subnet.toString()).isEqualTo("10.213.0.64/26");
        assertThat(subnet.size()).isEqualTo(64);
        assertThat(Subnet.parse("0.0.0.0/0").size()).isEqualTo(1L << 32);
        assertThat(Subnet.parse("255.255.255.255/32").toString()).isEqualTo("255.255.255.255/32");
    }

    @ParameterizedTest
    @ValueSource(strings = {"fd00::/64", "10.213.0.0", "10.213.0/16", "10.213.0.256/24", "10.213.0.0/33", "", "a.b.c.d/8"})
    void answersEmptyForWhatIsNotAnIpv4Subnet(String text) {
        // Verifies that IPv6 subnets and malformed text, as an engine's network may carry, are skipped, not thrown.
        assertThat(Subnet.tryParse(text)).isEmpty();
        assertThatThrownBy(() -> Subnet.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CIDR");
    }

    @Test
    void readsAnEngineSubnetWithHostBitsAsItsBlock() {
        // Verifies that a subnet given with host bits (which the engine keeps as written) names the block around it.
        assertThat(Subnet.tryParse("172.18.0.1/16")).contains(Subnet.parse("172.18.0.0/16"));
    }

    @Test
    void refusesAConstructedSubnetWithHostBits() {
        // Verifies the record's own check: a base with host bits is a mistake, and the message says the right base.
        assertThatThrownBy(() -> new Subnet(Subnet.parse("10.0.0.0/32").base() | 5, 24))
                .hasMessage("10.0.0.5/24 has host bits set; the subnet is 10.0.0.0/24");
    }

    @Test
    void overlapsWhenOneHoldsAnAddressOfTheOther() {
        // Verifies overlap in both directions and its absence between neighbours.
        Subnet range = Subnet.parse("10.213.0.0/16");
        Subnet inside = Subnet.parse("10.213.4.0/26");
        Subnet neighbour = Subnet.parse("10.213.4.64/26");

        assertThat(range.overlaps(inside)).isTrue();
        assertThat(inside.overlaps(range)).isTrue();
        assertThat(inside.overlaps(neighbour)).isFalse();
        assertThat(range.overlaps(Subnet.parse("10.214.0.0/26"))).isFalse();
        assertThat(range.contains(inside)).isTrue();
        assertThat(inside.contains(range)).isFalse();
    }

    @Test
    void countsChildrenFromTheBase() {
        // Verifies the n-th child subnet, including past the first octet boundaries and in the top half of the space.
        Subnet range = Subnet.parse("10.213.0.0/16");

        assertThat(range.child(26, 0)).hasToString("10.213.0.0/26");
        assertThat(range.child(26, 5)).hasToString("10.213.1.64/26");
        assertThat(range.child(26, 1023)).hasToString("10.213.255.192/26");
        assertThat(Subnet.parse("192.168.0.0/16").child(24, 255)).hasToString("192.168.255.0/24");
    }
}
