// CRC-4 of G.704 §2.3.3.5.2: generator x^4 + x + 1, message bits in line order (bit 1 = MSB of each
// octet first), remainder of M(x)*x^4 / G(x); C1 is the most significant bit of the remainder.
#pragma once

#include <cstddef>
#include <cstdint>

namespace tandem::e1 {

namespace detail {
struct Crc4Table {
  uint8_t t[256];
  constexpr Crc4Table() : t() {
    for (int v = 0; v < 256; ++v) {
      // remainder of v(x) * x^4 mod (x^4 + x + 1), v being 8 bits
      uint32_t r = static_cast<uint32_t>(v) << 4;
      for (int b = 11; b >= 4; --b)
        if (r & (1u << b)) r ^= 0x13u << (b - 4);
      t[v] = static_cast<uint8_t>(r & 0x0F);
    }
  }
};
inline constexpr Crc4Table kCrc4Table{};
}  // namespace detail

class Crc4 {
 public:
  // Fold one octet (MSB first) into a running 4-bit remainder: M*x^8 + B -> ((R << 4) ^ B) * x^4 mod G.
  static uint8_t update(uint8_t crc, uint8_t octet) {
    return detail::kCrc4Table.t[static_cast<uint8_t>((crc << 4) ^ octet)];
  }
  static uint8_t compute(const uint8_t* p, size_t n) {
    uint8_t c = 0;
    for (size_t i = 0; i < n; ++i) c = update(c, p[i]);
    return c;
  }
};

}  // namespace tandem::e1
