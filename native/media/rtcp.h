// RTCP (RFC 3550 §6): sender and receiver reports with report blocks (§6.4), SDES CNAME (§6.5),
// BYE (§6.6), compound packets (§6.1) and their validity checks (§A.2), and the round-trip time from
// LSR/DLSR (§6.4.1). Pure: times come in as arguments (NTP format).
#pragma once

#include <cstddef>
#include <cstdint>

namespace tandem::media {

constexpr uint8_t kRtcpSr = 200, kRtcpRr = 201, kRtcpSdes = 202, kRtcpBye = 203, kRtcpApp = 204;

struct RtcpReportBlock {
  uint32_t ssrc = 0;
  uint8_t fractionLost = 0;   // 8-bit fixed point
  int32_t cumulativeLost = 0; // 24-bit signed
  uint32_t extHighestSeq = 0;
  uint32_t jitter = 0;
  uint32_t lsr = 0;           // middle 32 bits of the NTP timestamp of the last SR received
  uint32_t dlsr = 0;          // delay since that SR, 1/65536 s
};

struct RtcpSenderInfo {
  uint64_t ntp = 0;           // 32.32 fixed point seconds since 1900
  uint32_t rtpTimestamp = 0;
  uint32_t packetCount = 0;
  uint32_t octetCount = 0;
};

struct RtcpReport {
  bool isSr = false;
  uint32_t ssrc = 0;
  RtcpSenderInfo sender;          // SR only
  int nBlocks = 0;
  RtcpReportBlock blocks[31];
};

// Builds a compound packet: SR (if sender) or RR with up to 31 blocks, then SDES with the CNAME
// (§6.1: every compound packet carries a CNAME). Returns the length, 0 if cap is too small.
size_t buildRtcpCompound(const RtcpReport& r, const char* cname, uint8_t* out, size_t cap);
// Appends a BYE for ssrc (§6.6) at out (a compound continues). Returns its length.
size_t buildRtcpBye(uint32_t ssrc, uint8_t* out, size_t cap);

enum class RtcpError : uint8_t { None, TooShort, BadVersion, BadLength, NotReportFirst, BadPadding };
const char* rtcpErrorName(RtcpError e);

struct RtcpParsed {
  bool haveReport = false;
  RtcpReport report;              // the first SR/RR of the compound
  bool haveCname = false;
  char cname[256] = {};
  bool bye = false;
  int packets = 0;                // RTCP packets in the compound
};

// §A.2 checks: version 2 everywhere; the first packet is SR or RR without padding; lengths add up to
// the datagram; padding only in the last packet.
RtcpError parseRtcpCompound(const uint8_t* p, size_t n, RtcpParsed* out);

// Middle 32 bits of a 32.32 NTP timestamp (the LSR / arrival form of §6.4.1).
inline uint32_t ntpMiddle32(uint64_t ntp) { return static_cast<uint32_t>(ntp >> 16); }
// §6.4.1: RTT = A - LSR - DLSR in 1/65536 s, or -1 when the block carries no LSR.
int64_t rtcpRoundTrip(uint32_t arrivalMiddle32, uint32_t lsr, uint32_t dlsr);

}  // namespace tandem::media
