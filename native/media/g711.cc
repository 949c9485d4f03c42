// G.711 tables, built once when the addon loads (see g711.h).
#include "media/g711.h"

#include <cmath>
#include <cstdlib>

namespace tandem::media::g711 {
namespace {

// Magnitude index 0..127 ("value number" - 1 for A-law, value number for µ-law in G.711 Tables 1/2)
// to the decoder output in the 16-bit scale: the middle of the quantisation interval.
int alawMagnitudeValue(int i) {
  const int seg = i >> 4, m = i & 15;
  int t = (m << 4) + 8;          // 13-bit interval middle, times 8 (16-bit scale)
  if (seg > 0) t = (t + 0x100) << (seg - 1);
  return t;
}
int ulawMagnitudeValue(int j) {
  const int seg = j >> 4, m = j & 15;
  return (((m << 3) + 0x84) << seg) - 0x84;   // G.711 Table 2: bias 33 in 14-bit units (x4)
}

// A-law: 13-bit magnitude (0..4095) -> magnitude index (Table 1: segments 0 and 1 have step 2 in 13-bit
// half-units, i.e. 16 in the 16-bit scale; each further segment doubles the step).
int alawIndexFromMagnitude13(int mag) {
  if (mag >= 4096) mag = 4095;
  if (mag < 32) return mag >> 1;
  int seg = 1;
  while ((mag >> (seg + 5)) != 0) ++seg;   // mag in [32 << (seg-1), 32 << seg)
  return (seg << 4) | ((mag >> seg) & 15);
}
// µ-law: 14-bit magnitude (0..8191) -> magnitude index; Table 2 with the bias of 33.
int ulawIndexFromMagnitude14(int mag) {
  if (mag > 8158) mag = 8158;   // 8159 is the overload point
  const int b = mag + 33;       // 33..8191
  int seg = 0;
  while ((b >> (seg + 6)) != 0) ++seg;    // b in [32 << seg, 64 << seg)
  return (seg << 4) | ((b >> (seg + 1)) & 15);
}

Tables build() {
  Tables t{};
  for (int x = 0; x < 8192; ++x) {
    const int v = x >= 4096 ? x - 8192 : x;           // signed 13-bit
    // Negative inputs use the one's complement magnitude so that decision values are symmetric.
    const bool pos = v >= 0;
    const int mag = pos ? v : -v - 1;
    const int idx = alawIndexFromMagnitude13(mag);
    t.alawFromLinear13[x] = static_cast<uint8_t>((pos ? 0x80 : 0x00) | (idx ^ 0x55));
  }
  for (int x = 0; x < 16384; ++x) {
    const int v = x >= 8192 ? x - 16384 : x;          // signed 14-bit
    // µ-law has a code for -0: a negative input's magnitude is -v (1 -> the first negative step).
    const bool pos = v >= 0;
    const int mag = pos ? v : -v;
    const int idx = ulawIndexFromMagnitude14(mag);
    t.ulawFromLinear14[x] = static_cast<uint8_t>((pos ? 0x80 : 0x00) | (idx ^ 0x7F));
  }
  for (int c = 0; c < 256; ++c) {
    const int ai = (c ^ 0x55) & 0x7F;
    const int av = alawMagnitudeValue(ai);
    t.linearFromAlaw[c] = static_cast<int16_t>((c & 0x80) ? av : -av);
    const int ui = (c ^ 0x7F) & 0x7F;
    const int uv = ulawMagnitudeValue(ui);
    t.linearFromUlaw[c] = static_cast<int16_t>((c & 0x80) ? uv : -uv);
    t.squareFromAlaw[c] = static_cast<uint32_t>(static_cast<int32_t>(t.linearFromAlaw[c]) * t.linearFromAlaw[c]);
    t.squareFromUlaw[c] = static_cast<uint32_t>(static_cast<int32_t>(t.linearFromUlaw[c]) * t.linearFromUlaw[c]);
  }
  // G.711 Tables 3 and 4 map each decoder output value of one law to the value of the other law that is
  // nearest at equal level in dBm0. The two laws' theoretical load capacities are +3.14 dBm0 (A-law,
  // 4096 units) and +3.17 dBm0 (µ-law, 8159 units) (G.711 §§2-3), so a µ-law value in the 16-bit scale
  // (8159 -> 32636) is the A-law value (4096 -> 32768) times k below. Ties go to the larger magnitude.
  const double k = (32768.0 / std::pow(10.0, 3.14 / 20.0)) / (32636.0 / std::pow(10.0, 3.17 / 20.0));
  int u2a[128], a2u[128];
  for (int j = 0; j < 128; ++j) {
    const double v = ulawMagnitudeValue(j) * k;
    int best = 0;
    double bd = 1e18;
    for (int i = 0; i < 128; ++i) {
      const double d = std::fabs(alawMagnitudeValue(i) - v);
      if (d <= bd) { bd = d; best = i; }
    }
    u2a[j] = best;
  }
  for (int i = 0; i < 128; ++i) {
    const double v = alawMagnitudeValue(i) / k;
    int best = 0;
    double bd = 1e18;
    for (int j = 0; j < 128; ++j) {
      const double d = std::fabs(ulawMagnitudeValue(j) - v);
      if (d <= bd) { bd = d; best = j; }
    }
    a2u[i] = best;
  }
  for (int c = 0; c < 256; ++c) {
    const int sign = c & 0x80;
    const int ai = (c ^ 0x55) & 0x7F;
    t.ulawFromAlaw[c] = static_cast<uint8_t>(sign | (a2u[ai] ^ 0x7F));
    const int ui = (c ^ 0x7F) & 0x7F;
    t.alawFromUlaw[c] = static_cast<uint8_t>(sign | (u2a[ui] ^ 0x55));
  }
  return t;
}

}  // namespace

const Tables& tables() {
  static const Tables t = build();   // built on first use (load time: the binding touches it)
  return t;
}

void encodeBlock(Law law, const int16_t* in, uint8_t* out, size_t n) {
  const Tables& t = tables();
  if (law == Law::Alaw) {
    for (size_t i = 0; i < n; ++i) out[i] = t.alawFromLinear13[to13(in[i]) & 0x1FFF];
  } else {
    for (size_t i = 0; i < n; ++i) out[i] = t.ulawFromLinear14[to14(in[i]) & 0x3FFF];
  }
}
void decodeBlock(Law law, const uint8_t* in, int16_t* out, size_t n) {
  const int16_t* t = law == Law::Alaw ? tables().linearFromAlaw : tables().linearFromUlaw;
  for (size_t i = 0; i < n; ++i) out[i] = t[in[i]];
}
void convertBlock(Law from, Law to, const uint8_t* in, uint8_t* out, size_t n) {
  if (from == to) {
    for (size_t i = 0; i < n; ++i) out[i] = in[i];
    return;
  }
  const uint8_t* t = from == Law::Alaw ? tables().ulawFromAlaw : tables().alawFromUlaw;
  for (size_t i = 0; i < n; ++i) out[i] = t[in[i]];
}

}  // namespace tandem::media::g711
