package io.kubeha.inventory;

import java.util.Optional;

/** An IPv4 network a.b.c.d/n. */
record Cidr(long address, int prefix) {

  static Optional<Cidr> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    int slash = text.indexOf('/');
    if (slash < 0 || !text.substring(slash + 1).matches("0|[1-9][0-9]?")) {
      return Optional.empty();
    }
    int prefix = Integer.parseInt(text.substring(slash + 1));
    if (prefix > 32) {
      return Optional.empty();
    }
    var address = Ipv4.parse(text.substring(0, slash));
    return address.isPresent()
        ? Optional.of(new Cidr(address.getAsLong(), prefix))
        : Optional.empty();
  }

  /** The network of an address with a prefix length. */
  static Cidr of(long address, int prefix) {
    return new Cidr(address & mask(prefix), prefix);
  }

  private static long mask(int prefix) {
    return prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
  }

  long network() {
    return address & mask(prefix);
  }

  long broadcast() {
    return network() | (~mask(prefix) & 0xFFFFFFFFL);
  }

  /** True when no host bits are set (10.244.0.0/16, not 10.244.1.0/16). */
  boolean aligned() {
    return address == network();
  }

  boolean contains(long ip) {
    return (ip & mask(prefix)) == network();
  }

  boolean overlaps(Cidr other) {
    return contains(other.network()) || other.contains(network());
  }

  @Override
  public String toString() {
    return Ipv4.format(network()) + "/" + prefix;
  }
}
