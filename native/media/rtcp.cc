// RTCP; see rtcp.h.
#include "media/rtcp.h"

#include <cstring>

#include "common/bytes.h"

namespace tandem::media {

namespace {
using bytes::rd16;
using bytes::rd32;
using bytes::wr16;
using bytes::wr32;

void writeBlock(uint8_t* p, const RtcpReportBlock& b) {
  wr32(p, b.ssrc);
  const uint32_t lost = static_cast<uint32_t>(b.cumulativeLost) & 0xFFFFFF;
  wr32(p + 4, (static_cast<uint32_t>(b.fractionLost) << 24) | lost);
  wr32(p + 8, b.extHighestSeq);
  wr32(p + 12, b.jitter);
  wr32(p + 16, b.lsr);
  wr32(p + 20, b.dlsr);
}

void readBlock(const uint8_t* p, RtcpReportBlock* b) {
  b->ssrc = rd32(p);
  const uint32_t w = rd32(p + 4);
  b->fractionLost = static_cast<uint8_t>(w >> 24);
  int32_t lost = static_cast<int32_t>(w & 0xFFFFFF);
  if (lost & 0x800000) lost -= 0x1000000;  // sign-extend the 24-bit field
  b->cumulativeLost = lost;
  b->extHighestSeq = rd32(p + 8);
  b->jitter = rd32(p + 12);
  b->lsr = rd32(p + 16);
  b->dlsr = rd32(p + 20);
}
}  // namespace

const char* rtcpErrorName(RtcpError e) {
  switch (e) {
    case RtcpError::None: return "none";
    case RtcpError::TooShort: return "short";
    case RtcpError::BadVersion: return "version";
    case RtcpError::BadLength: return "length";
    case RtcpError::NotReportFirst: return "not-report-first";
    case RtcpError::BadPadding: return "padding";
  }
  return "?";
}

size_t buildRtcpCompound(const RtcpReport& r, const char* cname, uint8_t* out, size_t cap) {
  const int nb = r.nBlocks < 0 ? 0 : (r.nBlocks > 31 ? 31 : r.nBlocks);
  const size_t repLen = 8 + (r.isSr ? 20 : 0) + 24u * static_cast<size_t>(nb);
  const size_t cl = cname ? std::strlen(cname) : 0;
  if (cl > 255) return 0;
  // SDES: header 4 + SSRC 4 + item (2 + cl) + END (1), padded to 32 bits
  const size_t sdesRaw = 4 + 4 + 2 + cl + 1;
  const size_t sdesLen = (sdesRaw + 3) & ~static_cast<size_t>(3);
  if (repLen + sdesLen > cap) return 0;
  uint8_t* p = out;
  p[0] = static_cast<uint8_t>(0x80 | nb);
  p[1] = r.isSr ? kRtcpSr : kRtcpRr;
  wr16(p + 2, static_cast<uint16_t>(repLen / 4 - 1));
  wr32(p + 4, r.ssrc);
  size_t off = 8;
  if (r.isSr) {
    wr32(p + 8, static_cast<uint32_t>(r.sender.ntp >> 32));
    wr32(p + 12, static_cast<uint32_t>(r.sender.ntp));
    wr32(p + 16, r.sender.rtpTimestamp);
    wr32(p + 20, r.sender.packetCount);
    wr32(p + 24, r.sender.octetCount);
    off = 28;
  }
  for (int i = 0; i < nb; ++i, off += 24) writeBlock(p + off, r.blocks[i]);
  p = out + repLen;
  std::memset(p, 0, sdesLen);
  p[0] = 0x81;  // V=2, SC=1
  p[1] = kRtcpSdes;
  wr16(p + 2, static_cast<uint16_t>(sdesLen / 4 - 1));
  wr32(p + 4, r.ssrc);
  p[8] = 1;  // CNAME
  p[9] = static_cast<uint8_t>(cl);
  if (cl) std::memcpy(p + 10, cname, cl);
  // the END item and the padding are the zeros already there
  return repLen + sdesLen;
}

size_t buildRtcpBye(uint32_t ssrc, uint8_t* out, size_t cap) {
  if (cap < 8) return 0;
  out[0] = 0x81;
  out[1] = kRtcpBye;
  wr16(out + 2, 1);
  wr32(out + 4, ssrc);
  return 8;
}

RtcpError parseRtcpCompound(const uint8_t* p, size_t n, RtcpParsed* out) {
  *out = RtcpParsed{};
  if (n < 8) return RtcpError::TooShort;
  size_t off = 0;
  while (off < n) {
    if (n - off < 4) return RtcpError::TooShort;
    const uint8_t* h = p + off;
    if ((h[0] >> 6) != 2) return RtcpError::BadVersion;
    const bool pad = (h[0] & 0x20) != 0;
    const int count = h[0] & 0x1F;
    const uint8_t pt = h[1];
    const size_t len = (static_cast<size_t>(rd16(h + 2)) + 1) * 4;
    if (off + len > n) return RtcpError::BadLength;
    if (out->packets == 0) {
      // §A.2: the first packet is SR or RR and has no padding
      if ((pt != kRtcpSr && pt != kRtcpRr) || pad) return RtcpError::NotReportFirst;
    }
    if (pad && off + len != n) return RtcpError::BadPadding;  // padding only in the last packet
    size_t body = len;
    if (pad) {
      const uint8_t padLen = h[len - 1];
      if (padLen == 0 || padLen > len - 4) return RtcpError::BadPadding;
      body = len - padLen;
    }
    if ((pt == kRtcpSr || pt == kRtcpRr) && !out->haveReport) {
      const size_t need = 8 + (pt == kRtcpSr ? 20 : 0) + 24u * static_cast<size_t>(count);
      if (body < need) return RtcpError::BadLength;
      RtcpReport& r = out->report;
      r.isSr = pt == kRtcpSr;
      r.ssrc = rd32(h + 4);
      size_t b = 8;
      if (r.isSr) {
        r.sender.ntp = (static_cast<uint64_t>(rd32(h + 8)) << 32) | rd32(h + 12);
        r.sender.rtpTimestamp = rd32(h + 16);
        r.sender.packetCount = rd32(h + 20);
        r.sender.octetCount = rd32(h + 24);
        b = 28;
      }
      r.nBlocks = count;
      for (int i = 0; i < count; ++i, b += 24) readBlock(h + b, &r.blocks[i]);
      out->haveReport = true;
    } else if (pt == kRtcpSdes && !out->haveCname && count >= 1 && body >= 8) {
      size_t q = 8;  // first chunk's items
      while (q + 2 <= body && h[q] != 0) {
        const uint8_t type = h[q], il = h[q + 1];
        if (q + 2 + il > body) break;
        if (type == 1) {
          std::memcpy(out->cname, h + q + 2, il);
          out->cname[il] = 0;
          out->haveCname = true;
          break;
        }
        q += 2 + il;
      }
    } else if (pt == kRtcpBye) {
      out->bye = true;
    }
    ++out->packets;
    off += len;
  }
  return RtcpError::None;
}

int64_t rtcpRoundTrip(uint32_t a, uint32_t lsr, uint32_t dlsr) {
  if (lsr == 0) return -1;
  return static_cast<int64_t>(static_cast<uint32_t>(a - lsr - dlsr));
}

}  // namespace tandem::media
