// Q.703 §2 signal unit format. On the line (after the opening flag), octets in this order:
//   [0] BSN (bits 1-7) + BIB (bit 8)   [1] FSN (bits 1-7) + FIB (bit 8)   [2] LI (bits 1-6) + spare
//   FISU: nothing more (LI = 0); LSSU: SF, 1 or 2 octets (LI = 1 or 2); MSU: SIO + SIF (LI = 3..63,
//   63 meaning "63 or more", §2.3.3). Then the 16-bit check (CK) that the HDLC layer adds/verifies.
#pragma once

#include <cstddef>
#include <cstdint>

namespace tandem::mtp2 {

constexpr size_t kHeaderOctets = 3;
constexpr size_t kMaxSif = 272;                          // §2.3.8: SIF at most 272 octets
constexpr size_t kMaxMsu = 1 + kMaxSif;                  // SIO + SIF
constexpr size_t kMaxSu = kHeaderOctets + kMaxMsu;       // 276 octets without CK
constexpr size_t kFcsOctets = 2;
constexpr uint8_t kSeqMask = 0x7f;                       // FSN/BSN are 7 bits (mod 128)

// §11.1: status field (SF) values, bits C B A of the first SF octet.
enum class LssuType : uint8_t { SIO = 0, SIN = 1, SIE = 2, SIOS = 3, SIPO = 4, SIB = 5 };
inline const char* lssuName(LssuType t) {
  static const char* const names[] = {"SIO", "SIN", "SIE", "SIOS", "SIPO", "SIB"};
  const unsigned i = static_cast<unsigned>(t);
  return i < 6 ? names[i] : "SF?";
}

enum class SuKind : uint8_t { FISU, LSSU, MSU };
inline const char* suKindName(SuKind k) {
  switch (k) {
    case SuKind::FISU: return "FISU";
    case SuKind::LSSU: return "LSSU";
    case SuKind::MSU: return "MSU";
  }
  return "?";
}

struct SuHeader {
  uint8_t bsn, bib, fsn, fib, li;
};

// §2.3.3: the LI a signal unit of n octets after the LI octet must carry.
inline uint8_t liFor(size_t nAfterLi) { return nAfterLi >= 63 ? 63 : static_cast<uint8_t>(nAfterLi); }

enum class SuCheck : uint8_t { Ok, TooShort, BadLi, BadSf };

// Parses a received SU (without CK). §2.3.3 / §4.2: the LI must agree with the octets received
// (LI 63 for 63..273 octets after the LI); an LSSU with an SF value not in §11.1 is discarded as
// errored as well (a spare SF value is treated as an errored SU, our choice, documented).
struct ParsedSu {
  SuHeader h;
  SuKind kind;
  LssuType sf;          // LSSU only
  const uint8_t* msu;   // MSU only: SIO + SIF
  size_t msuLen;
};

inline SuCheck parseSu(const uint8_t* p, size_t n, ParsedSu* out) {
  if (n < kHeaderOctets) return SuCheck::TooShort;
  out->h.bsn = p[0] & kSeqMask;
  out->h.bib = p[0] >> 7;
  out->h.fsn = p[1] & kSeqMask;
  out->h.fib = p[1] >> 7;
  out->h.li = p[2] & 0x3f;
  const size_t rest = n - kHeaderOctets;
  if (rest > kMaxMsu || out->h.li != liFor(rest)) return SuCheck::BadLi;
  out->msu = nullptr;
  out->msuLen = 0;
  if (rest == 0) {
    out->kind = SuKind::FISU;
  } else if (rest <= 2) {
    out->kind = SuKind::LSSU;
    const uint8_t sf = p[3] & 0x07;
    if (sf > static_cast<uint8_t>(LssuType::SIB)) return SuCheck::BadSf;
    out->sf = static_cast<LssuType>(sf);
  } else {
    out->kind = SuKind::MSU;
    out->msu = p + kHeaderOctets;
    out->msuLen = rest;
  }
  return SuCheck::Ok;
}

inline size_t writeHeader(uint8_t* buf, uint8_t bsn, uint8_t bib, uint8_t fsn, uint8_t fib, size_t nAfterLi) {
  buf[0] = static_cast<uint8_t>((bsn & kSeqMask) | (bib << 7));
  buf[1] = static_cast<uint8_t>((fsn & kSeqMask) | (fib << 7));
  buf[2] = liFor(nAfterLi);
  return kHeaderOctets;
}

// Sequence arithmetic modulo 128.
inline uint8_t seqAdd(uint8_t a, int d) { return static_cast<uint8_t>((a + d) & kSeqMask); }
inline uint8_t seqDiff(uint8_t a, uint8_t b) { return static_cast<uint8_t>((a - b) & kSeqMask); }

}  // namespace tandem::mtp2
