// G.711 (11/88) PCM of voice frequencies: A-law and µ-law companding, and the direct A-law <-> µ-law
// conversions of G.711 Tables 3 and 4. Everything is a table lookup after load-time initialisation:
// no allocation, locks or syscalls on the per-sample path.
//
// Linear samples are 16-bit two's complement. A-law quantises the 13 most significant bits
// (G.711 Table 1, 4096 = overload), µ-law the 14 most significant bits (Table 2, 8159 = overload).
// Codes are the transmitted character signals: A-law with the even bits inverted (G.711 Table 1a
// note), µ-law with all magnitude bits inverted (Table 2a); bit 8 set = positive.
#pragma once

#include <cstddef>
#include <cstdint>

namespace tandem::media::g711 {

struct Tables {
  uint8_t alawFromLinear13[8192];   // index: signed 13-bit uniform code & 0x1FFF (G.711 Table 1)
  uint8_t ulawFromLinear14[16384];  // index: signed 14-bit uniform code & 0x3FFF (G.711 Table 2)
  int16_t linearFromAlaw[256];
  int16_t linearFromUlaw[256];
  uint8_t ulawFromAlaw[256];        // G.711 Table 4 (A-law -> µ-law)
  uint8_t alawFromUlaw[256];        // G.711 Table 3 (µ-law -> A-law)
  uint32_t squareFromAlaw[256];     // decoded value squared (signal energy without decoding)
  uint32_t squareFromUlaw[256];
};

const Tables& tables();

// 16-bit -> 13/14-bit uniform code by rounding to nearest (half up), clipped at the top: the same reduction
// sox applies, so that the whole 16-bit range encodes bit-exactly like sox's A-law/µ-law writer.
inline int to13(int16_t s) { const int v = (static_cast<int>(s) + 4) >> 3; return v > 4095 ? 4095 : v; }
inline int to14(int16_t s) { const int v = (static_cast<int>(s) + 2) >> 2; return v > 8191 ? 8191 : v; }
inline uint8_t linearToAlaw(int16_t s) { return tables().alawFromLinear13[to13(s) & 0x1FFF]; }
inline uint8_t linearToUlaw(int16_t s) { return tables().ulawFromLinear14[to14(s) & 0x3FFF]; }
inline int16_t alawToLinear(uint8_t c) { return tables().linearFromAlaw[c]; }
inline int16_t ulawToLinear(uint8_t c) { return tables().linearFromUlaw[c]; }
inline uint8_t alawToUlaw(uint8_t c) { return tables().ulawFromAlaw[c]; }
inline uint8_t ulawToAlaw(uint8_t c) { return tables().alawFromUlaw[c]; }

enum class Law : uint8_t { Alaw = 0, Ulaw = 1 };

inline uint8_t encode(Law law, int16_t s) { return law == Law::Alaw ? linearToAlaw(s) : linearToUlaw(s); }
inline int16_t decode(Law law, uint8_t c) { return law == Law::Alaw ? alawToLinear(c) : ulawToLinear(c); }
// Converts one code from law `from` to law `to` with the direct tables (identity if equal).
inline uint8_t convert(Law from, Law to, uint8_t c) {
  if (from == to) return c;
  return from == Law::Alaw ? alawToUlaw(c) : ulawToAlaw(c);
}
// The code of silence (decoded value closest to zero, positive): A-law 0xD5, µ-law 0xFF.
inline uint8_t silence(Law law) { return law == Law::Alaw ? 0xD5 : 0xFF; }

void encodeBlock(Law law, const int16_t* in, uint8_t* out, size_t n);
void decodeBlock(Law law, const uint8_t* in, int16_t* out, size_t n);
void convertBlock(Law from, Law to, const uint8_t* in, uint8_t* out, size_t n);
// Sum of the squared decoded values (exactly what decoding then squaring gives), by one table lookup
// per code: the media channel's DTMF signal gate needs only this for a quiet block.
inline int64_t sumSquares(Law law, const uint8_t* in, size_t n) {
  const uint32_t* t = law == Law::Alaw ? tables().squareFromAlaw : tables().squareFromUlaw;
  int64_t e = 0;
  for (size_t i = 0; i < n; ++i) e += t[in[i]];
  return e;
}

}  // namespace tandem::media::g711
