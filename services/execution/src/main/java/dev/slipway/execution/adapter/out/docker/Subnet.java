package dev.slipway.execution.adapter.out.docker;

import java.util.Optional;

/**
 * An IPv4 subnet in CIDR notation, such as {@code 10.213.0.64/26}. Pure: it is only arithmetic.
 *
 * @param base   the first address, as an unsigned 32-bit number in an {@code int}; its host bits are zero
 * @param prefix the number of network bits, 0 to 32
 */
record Subnet(int base, int prefix) {

    Subnet {
        if (prefix < 0 || prefix > 32) {
            throw new IllegalArgumentException("a subnet's prefix is 0 to 32, was " + prefix);
        }
        if ((base & ~mask(prefix)) != 0) {
            throw new IllegalArgumentException(address(base) + "/" + prefix + " has host bits set; the subnet is "
                    + address(base & mask(prefix)) + "/" + prefix);
        }
    }

    /**
     * Reads {@code 10.213.0.0/16}.
     *
     * @throws IllegalArgumentException when it is not an IPv4 subnet in CIDR notation
     */
    static Subnet parse(String cidr) {
        return tryParse(cidr).orElseThrow(() -> new IllegalArgumentException(
                "not an IPv4 subnet in CIDR notation, such as 10.213.0.0/16: '" + cidr + "'"));
    }

    /** Reads an IPv4 subnet in CIDR notation, or answers empty (for IPv6, or anything else). */
    static Optional<Subnet> tryParse(String cidr) {
        if (cidr == null) {
            return Optional.empty();
        }
        String[] parts = cidr.strip().split("/", -1);
        if (parts.length != 2) {
            return Optional.empty();
        }
        String[] octets = parts[0].split("\\.", -1);
        if (octets.length != 4) {
            return Optional.empty();
        }
        try {
            int address = 0;
            for (String octet : octets) {
                int value = Integer.parseInt(octet);
                if (value < 0 || value > 255 || octet.isEmpty() || octet.length() > 3) {
                    return Optional.empty();
                }
                address = (address << 8) | value;
            }
            int prefix = Integer.parseInt(parts[1]);
            if (prefix < 0 || prefix > 32) {
                return Optional.empty();
            }
            // The engine reports a network's subnet as configured; a base with host bits still names its block.
            return Optional.of(new Subnet(address & mask(prefix), prefix));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** How many addresses it holds. */
    long size() {
        return 1L << (32 - prefix);
    }

    /** Whether the two share at least one address. */
    boolean overlaps(Subnet other) {
        int shorter = Math.min(prefix, other.prefix);
        return (base & mask(shorter)) == (other.base & mask(shorter));
    }

    /** Whether {@code other} lies wholly inside this one. */
    boolean contains(Subnet other) {
        return other.prefix >= prefix && (other.base & mask(prefix)) == base;
    }

    /** The {@code index}th subnet of length {@code childPrefix} inside this one, counting from 0. */
    Subnet child(int childPrefix, long index) {
        return new Subnet((int) (Integer.toUnsignedLong(base) + index * (1L << (32 - childPrefix))), childPrefix);
    }

    @Override
    public String toString() {
        return address(base) + "/" + prefix;
    }

    private static int mask(int prefix) {
        return prefix == 0 ? 0 : -1 << (32 - prefix);
    }

    private static String address(int value) {
        return (value >>> 24) + "." + ((value >>> 16) & 0xff) + "." + ((value >>> 8) & 0xff) + "." + (value & 0xff);
    }
}
