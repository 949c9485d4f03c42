// RTP (RFC 3550 §5): header parse and build with validation, and the per-source receive state of
// §A.1 (sequence validity, probation, wrap and restart), §A.3 (expected / lost / fraction lost) and
// §A.8 (interarrival jitter). Pure: no clock of its own (arrival times come in as RTP timestamp units).
#pragma once

#include <cstddef>
#include <cstdint>

namespace tandem::media {

enum class RtpError : uint8_t { None, TooShort, BadVersion, CsrcOverrun, ExtensionOverrun, BadPadding };
const char* rtpErrorName(RtpError e);

struct RtpHeader {
  uint8_t version = 2;
  bool padding = false;
  bool extension = false;
  bool marker = false;
  uint8_t csrcCount = 0;
  uint8_t payloadType = 0;
  uint16_t seq = 0;
  uint32_t timestamp = 0;
  uint32_t ssrc = 0;
  uint32_t csrc[15] = {};
  uint16_t extProfile = 0;      // §5.3.1 "defined by profile"
  uint16_t extWords = 0;        // extension length in 32-bit words
  size_t extOffset = 0;         // offset of the extension data (after its 4-octet header)
  size_t payloadOffset = 0;
  size_t payloadLength = 0;     // without padding
  uint8_t paddingLength = 0;
};

// §5.1 / §A.1 header validity: version 2; CSRC list, extension and padding within the packet;
// padding count not zero and not beyond the payload.
RtpError parseRtp(const uint8_t* p, size_t n, RtpHeader* h);

// Builds a packet: 12-octet header + CSRCs (+ extension header and words if h.extension) + payload
// (+ padding to h.paddingLength if h.padding). Returns the length, 0 if cap is too small.
size_t buildRtp(const RtpHeader& h, const uint8_t* ext, const uint8_t* payload, size_t n, uint8_t* out, size_t cap);

enum class RtpSeqResult : uint8_t {
  Valid,        // counted; in order, a permissible gap, or a duplicate / reordered packet
  Probation,    // the source is not yet valid (§A.1: MIN_SEQUENTIAL packets in sequence needed)
  BadSeq,       // a jump beyond MAX_DROPOUT / MAX_MISORDER: dropped until confirmed
  Restarted,    // two sequential packets after a jump: the source restarted; state reset, counted
};

struct RtpSourceStats {
  uint32_t ssrc = 0;
  uint64_t received = 0;      // packets counted by §A.1
  uint32_t extendedMax = 0;   // cycles + max_seq
  int64_t cumulativeLost = 0; // §A.3, may be negative with duplicates
  uint32_t jitter = 0;        // §A.8, RTP timestamp units
  uint64_t badSeq = 0, restarts = 0, probationDropped = 0;
};

class RtpSource {
 public:
  static constexpr uint16_t kMaxDropout = 3000;
  static constexpr uint16_t kMaxMisorder = 100;
  static constexpr int kMinSequential = 2;

  // A new source: the first packet starts probation (or is valid at once when probation is off:
  // the channel turns it off for a source it already expects from signalling).
  void start(uint32_t ssrc, uint16_t seq, bool probation);
  RtpSeqResult update(uint16_t seq);
  // §A.8: arrival in the same units as ts. Call for every valid packet.
  void updateJitter(uint32_t ts, uint32_t arrival);

  // §A.3 for a report block: fraction lost since the previous call (8-bit fixed point) and the
  // cumulative number lost (clamped to the 24-bit signed field).
  uint8_t takeFractionLost();
  int32_t cumulativeLost24() const;
  uint32_t expected() const;
  RtpSourceStats stats() const;
  bool valid() const { return probation_ == 0; }

 private:
  void initSeq(uint16_t seq);

  uint16_t maxSeq_ = 0;
  uint32_t cycles_ = 0;
  uint32_t baseSeq_ = 0;
  uint32_t badSeq_ = 0;
  int probation_ = 0;
  uint32_t expectedPrior_ = 0;
  uint64_t receivedPrior_ = 0;
  bool haveTransit_ = false;
  int64_t transit_ = 0;
  uint64_t jitter16_ = 0;   // jitter * 16 (§A.8 integer form)
  RtpSourceStats st_;
};

}  // namespace tandem::media
