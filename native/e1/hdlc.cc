// HDLC framing for signalling timeslots (Q.703 §2.2-2.3, §3). See hdlc.h.
#include "e1/hdlc.h"

namespace tandem::e1 {

namespace {
struct FcsTable {
  uint16_t t[256];
  FcsTable() {
    // Reflected CRC-CCITT: x^16 + x^12 + x^5 + 1 -> 0x8408 in LSB-first form.
    for (int i = 0; i < 256; ++i) {
      uint16_t v = static_cast<uint16_t>(i);
      for (int b = 0; b < 8; ++b) v = (v & 1) ? static_cast<uint16_t>((v >> 1) ^ 0x8408) : static_cast<uint16_t>(v >> 1);
      t[i] = v;
    }
  }
};
const FcsTable kFcsTable;
}  // namespace

const uint16_t* Fcs16::table() { return kFcsTable.t; }

const char* hdlcErrorName(HdlcError e) {
  switch (e) {
    case HdlcError::FcsError: return "fcsError";
    case HdlcError::Abort: return "abort";
    case HdlcError::NonOctet: return "nonOctet";
    case HdlcError::Oversize: return "oversize";
    case HdlcError::TooShort: return "tooShort";
  }
  return "unknown";
}

// ---------------------------------------------------------------------------------------------
// Encoder

HdlcEncoder::HdlcEncoder(HdlcFrameSource* src) : src_(src) {}

bool HdlcEncoder::startFrame() {
  if (!src_) return false;
  const size_t n = src_->nextFrame(buf_, kMaxFrame - 2);
  if (n == 0 || n > kMaxFrame - 2) return false;
  // Q.703 §2.3.8 / ISO 3309: FCS = ones' complement of the CRC, low-order octet first.
  const uint16_t fcs = Fcs16::compute(buf_, n);
  buf_[n] = static_cast<uint8_t>(fcs & 0xFF);
  buf_[n + 1] = static_cast<uint8_t>(fcs >> 8);
  len_ = n + 2;
  bitPos_ = 0;
  ones_ = 0;
  inFrame_ = true;
  ++counters_.frames;
  if (tap_) tap_->onTxFrame(buf_, len_);
  return true;
}

int HdlcEncoder::nextBit() {
  for (;;) {
    if (flagBitsLeft_ > 0) {
      // 0x7E = 01111110 is symmetric: the same whether sent LSB or MSB first.
      const int b = (0x7E >> (--flagBitsLeft_)) & 1;
      if (flagBitsLeft_ == 0 && flagsLeftBeforeFrame_ > 0) --flagsLeftBeforeFrame_;
      return b;
    }
    if (inFrame_) {
      if (ones_ == 5) {  // Q.703 §3.2: a 0 after five consecutive 1s inside a signal unit
        ones_ = 0;
        return 0;
      }
      if (bitPos_ < len_ * 8) {
        const int b = (buf_[bitPos_ >> 3] >> (bitPos_ & 7)) & 1;  // LSB first (Q.703 §2.4)
        ++bitPos_;
        ones_ = b ? ones_ + 1 : 0;
        return b;
      }
      // End of frame: closing flag (which may open the next frame).
      inFrame_ = false;
      flagBitsLeft_ = 8;
      flagsLeftBeforeFrame_ = flagsBetween_;
      continue;
    }
    // Between frames: after the required flags, start the next frame or send another flag.
    if (flagsLeftBeforeFrame_ == 0 && startFrame()) continue;
    flagBitsLeft_ = 8;
  }
}

uint8_t HdlcEncoder::nextOctet() {
  uint8_t o = 0;
  for (int i = 0; i < 8; ++i) o = static_cast<uint8_t>((o << 1) | nextBit());  // bit 1 = MSB first
  ++counters_.octets;
  return o;
}

// ---------------------------------------------------------------------------------------------
// Decoder

HdlcDecoder::HdlcDecoder(HdlcFrameSink* sink, size_t maxFrameWithFcs, size_t minFrameWithFcs)
    : sink_(sink), max_(maxFrameWithFcs), min_(minFrameWithFcs < 2 ? 2 : minFrameWithFcs), buf_(maxFrameWithFcs + 1) {}

void HdlcDecoder::pushOctet(uint8_t o) {
  for (int i = 7; i >= 0; --i) bit((o >> i) & 1);  // timeslot bit 1 (MSB) arrived first
}

void HdlcDecoder::error(HdlcError e) {
  switch (e) {
    case HdlcError::FcsError: ++counters_.fcsErrors; break;
    case HdlcError::Abort: ++counters_.aborts; break;
    case HdlcError::NonOctet: ++counters_.nonOctet; break;
    case HdlcError::Oversize: ++counters_.oversize; break;
    case HdlcError::TooShort: ++counters_.tooShort; break;
  }
  if (sink_) sink_->onError(e);
}

void HdlcDecoder::dataBit(int b) {
  if (overflow_) {
    ++nbits_;
    return;
  }
  const size_t byte = nbits_ >> 3;
  if (byte >= max_ + 1) {  // keep one spare octet: the flag's leading 0 is removed at the end
    overflow_ = true;
    ++nbits_;
    return;
  }
  if ((nbits_ & 7) == 0) buf_[byte] = 0;
  if (b) buf_[byte] = static_cast<uint8_t>(buf_[byte] | (1u << (nbits_ & 7)));  // LSB first
  ++nbits_;
}

// Ones are held back until the following 0 tells whether they were data (fewer than 5), data
// followed by a stuffed 0 (exactly 5), a flag (6) or an abort (7 or more).
void HdlcDecoder::bit(int b) {
  if (b) {
    if (ones_ >= 7) {  // still in an abort / idle ones run (bounded counter)
      ones_ = 8;
      return;
    }
    if (++ones_ == 7) {  // seven consecutive ones: abort / loss of alignment (Q.703 §4.1)
      // Counted once per run whenever a flag had been seen: a frame was in progress or could have
      // started (a flag followed by seven ones is also how a link drops to idle ones).
      if (synced_) error(HdlcError::Abort);
      synced_ = false;
      nbits_ = 0;
      overflow_ = false;
    }
    return;
  }
  const int ones = ones_;
  ones_ = 0;
  if (ones >= 7) return;  // a 0 after an abort: still hunting for a flag
  if (ones == 6) {        // flag 01111110
    if (synced_) endOfFrame();
    synced_ = true;
    nbits_ = 0;
    overflow_ = false;
    return;
  }
  if (!synced_) return;
  for (int i = 0; i < ones; ++i) dataBit(1);
  if (ones == 5) return;  // deleted stuffed zero (Q.703 §3.2)
  dataBit(0);
}

void HdlcDecoder::endOfFrame() {
  // The 0 that opened this flag was taken as a data bit; drop it.
  if (nbits_ == 0) return;
  --nbits_;
  if (nbits_ == 0) return;  // back-to-back flags (shared zero)
  if (overflow_ || nbits_ > max_ * 8) {
    error(HdlcError::Oversize);
    return;
  }
  if (nbits_ & 7) {
    error(HdlcError::NonOctet);
    return;
  }
  const size_t n = nbits_ >> 3;
  if (n < min_) {
    error(HdlcError::TooShort);
    return;
  }
  if (Fcs16::update(Fcs16::kInit, buf_.data(), n) != Fcs16::kGoodResidue) {
    error(HdlcError::FcsError);
    return;
  }
  ++counters_.frames;
  if (tap_) tap_->onRxFrame(buf_.data(), n);
  if (sink_) sink_->onFrame(buf_.data(), n);
}

}  // namespace tandem::e1
