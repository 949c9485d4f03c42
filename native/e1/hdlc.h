// HDLC framing for signalling timeslots, ITU-T Q.703 §2.2-2.3 / §3.2 (ISO 3309 style):
// 0x7E flags, zero-bit insertion after five consecutive ones, 16-bit FCS (CRC-CCITT, reflected,
// init 0xFFFF, ones' complement, low-order octet sent first). Each octet of a signal unit goes on the
// line least significant bit first; the serial bit stream is packed into timeslot octets most
// significant bit first (G.704: bit 1 of a timeslot is sent first).
// Worked example: FISU FF FF 00 + FCS after a flag -> timeslot octets 7E FB EF A0 1F 7D F5 ...
// Real-time safe: no allocation, no locks, no syscalls in nextOctet()/pushOctet().
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace tandem::e1 {

// FCS-16 of Q.703 §3.2 / ISO 3309 (CRC-16/X.25).
class Fcs16 {
 public:
  static constexpr uint16_t kInit = 0xFFFF;
  static constexpr uint16_t kGoodResidue = 0xF0B8;  // CRC over data + FCS of a good frame
  static uint16_t update(uint16_t fcs, uint8_t octet) {
    return static_cast<uint16_t>((fcs >> 8) ^ table()[(fcs ^ octet) & 0xFF]);
  }
  static uint16_t update(uint16_t fcs, const uint8_t* p, size_t n) {
    for (size_t i = 0; i < n; ++i) fcs = update(fcs, p[i]);
    return fcs;
  }
  // The FCS to send (ones' complement), low-order octet first on the line.
  static uint16_t compute(const uint8_t* p, size_t n) { return static_cast<uint16_t>(~update(kInit, p, n)); }
  static const uint16_t* table();
};

class HdlcFrameSource {
 public:
  virtual ~HdlcFrameSource() = default;
  // Copy the next frame's payload (without FCS) into buf; return its length, 0 = none (send flags).
  virtual size_t nextFrame(uint8_t* buf, size_t cap) = 0;
};

enum class HdlcError { FcsError, Abort, NonOctet, Oversize, TooShort };
const char* hdlcErrorName(HdlcError e);

class HdlcFrameSink {
 public:
  virtual ~HdlcFrameSink() = default;
  virtual void onFrame(const uint8_t* p, size_t nWithFcs) = 0;  // good FCS verified; last 2 octets = FCS
  virtual void onError(HdlcError e) {}
};

class HdlcTap {  // sees every good frame with its FCS (pcap)
 public:
  virtual ~HdlcTap() = default;
  virtual void onTxFrame(const uint8_t* p, size_t nWithFcs) = 0;
  virtual void onRxFrame(const uint8_t* p, size_t nWithFcs) = 0;
};

struct HdlcRxCounters {
  uint64_t frames;     // good frames delivered
  uint64_t fcsErrors;  // FCS check failed
  uint64_t aborts;     // seven consecutive ones after a flag (inside a frame, or the line going idle)
  uint64_t nonOctet;   // bit count between flags not a multiple of 8
  uint64_t oversize;   // longer than maxFrameWithFcs
  uint64_t tooShort;   // fewer than minFrameWithFcs octets between flags (and not empty)
};

struct HdlcTxCounters {
  uint64_t frames;  // frames started
  uint64_t octets;  // timeslot octets produced
};

class HdlcEncoder {
 public:
  static constexpr size_t kMaxFrame = 1024;  // payload + FCS capacity
  explicit HdlcEncoder(HdlcFrameSource* src);
  void setTap(HdlcTap* tap) { tap_ = tap; }
  void setSource(HdlcFrameSource* src) { src_ = src; }
  // Flags between frames: 1 = shared/single flag (Q.703 §2.2 minimum). More when configured.
  void setFlagsBetweenFrames(unsigned n) { flagsBetween_ = n ? n : 1; }
  uint8_t nextOctet();  // next timeslot octet (bit 1 = MSB sent first)
  const HdlcTxCounters& counters() const { return counters_; }
  bool idle() const { return !inFrame_; }

 private:
  int nextBit();
  bool startFrame();
  HdlcFrameSource* src_;
  HdlcTap* tap_ = nullptr;
  uint8_t buf_[kMaxFrame];
  size_t len_ = 0;
  size_t bitPos_ = 0;       // next data bit index (octet = bitPos_/8, LSB first within octet)
  bool inFrame_ = false;
  int ones_ = 0;            // consecutive ones sent inside the frame (for zero insertion)
  int flagBitsLeft_ = 8;    // bits of the current flag still to send (start with a flag)
  unsigned flagsBetween_ = 1;
  unsigned flagsLeftBeforeFrame_ = 0;
  HdlcTxCounters counters_{};
};

class HdlcDecoder {
 public:
  // maxFrameWithFcs: longer frames are dropped as Oversize. minFrameWithFcs: shorter non-empty frames
  // are dropped as TooShort; 5 = a 3-octet FISU + FCS (Q.703 §4.1 acceptance: a SU has at least 6 octets
  // including the opening flag).
  explicit HdlcDecoder(HdlcFrameSink* sink, size_t maxFrameWithFcs = 300, size_t minFrameWithFcs = 5);
  void setTap(HdlcTap* tap) { tap_ = tap; }
  void setSink(HdlcFrameSink* sink) { sink_ = sink; }
  void pushOctet(uint8_t tsOctet);
  void push(const uint8_t* p, size_t n) {
    for (size_t i = 0; i < n; ++i) pushOctet(p[i]);
  }
  const HdlcRxCounters& counters() const { return counters_; }
  // True between an opening flag and the end of the frame (for octet-counting/alarm logic).
  bool inFrame() const { return synced_ && nbits_ > 0; }
  // Consecutive ones currently seen (>= 7 = abort/idle ones; MTP2 uses it for octet counting mode).
  int onesRun() const { return ones_; }

 private:
  void bit(int b);
  void dataBit(int b);
  void endOfFrame();
  void error(HdlcError e);
  HdlcFrameSink* sink_;
  HdlcTap* tap_ = nullptr;
  size_t max_;
  size_t min_;
  std::vector<uint8_t> buf_;  // allocated once in the constructor
  size_t nbits_ = 0;          // data bits of the current frame
  bool synced_ = false;       // a flag has been seen since the last abort
  bool overflow_ = false;
  int ones_ = 0;
  HdlcRxCounters counters_{};
};

}  // namespace tandem::e1
