// RFC 4733 telephone-event payload (DTMF named events 0-15, §3.2) and the sender and receiver
// procedures of §2.5.
//
// Payload (§2.3): event (8 bits), E end bit, R reserved, volume (6 bits, -dBm0), duration (16 bits,
// in timestamp units).
// Sender (§2.5.1): every packet of an event carries the event's start timestamp; the first has the
// RTP marker bit (§2.5.1.1); updates carry the growing duration; the final packet has the E bit and is
// sent three times (§2.5.1.4) with the same duration; an event longer than 0xFFFF is continued in a
// new segment with a new timestamp (§2.5.1.3).
// Receiver (§2.5.2): an event is identified by its timestamp; packets of a known event only update the
// duration; repeated end packets and retransmissions are ignored (counted); a new timestamp while an
// event is active ends that one (its end packets were lost); an event only ever seen in its end
// packets is reported as begin and end. RFC 2198 redundancy blocks are not decoded (the primary is).
#pragma once

#include <cstddef>
#include <cstdint>

namespace tandem::media {

struct TelephoneEvent {
  uint8_t event = 0;
  bool end = false;
  uint8_t volume = 10;     // 0..63, the power level in -dBm0
  uint16_t duration = 0;
};

bool parseTelephoneEvent(const uint8_t* p, size_t n, TelephoneEvent* out);
void buildTelephoneEvent(const TelephoneEvent& e, uint8_t out[4]);

struct TelephoneEventPacket {
  uint8_t payload[4];
  bool marker;
  uint32_t timestamp;
};

class TelephoneEventSender {
 public:
  // Starts an event at RTP timestamp startTs.
  void begin(uint8_t event, uint8_t volume, uint32_t startTs);
  // Asks for the end: the next update() sends the end packet three times.
  void end() { ending_ = true; }
  // Advances by `elapsed` timestamp units (one packet interval) and writes the packets to send now
  // (0..3); returns how many.
  int update(uint32_t elapsed, TelephoneEventPacket out[3]);
  bool active() const { return active_; }

 private:
  bool active_ = false;
  bool ending_ = false;
  bool first_ = false;
  TelephoneEvent ev_;
  uint32_t ts_ = 0;
  uint32_t elapsed_ = 0;   // in the current segment
};

struct TelephoneEventReport {
  uint8_t event;
  bool begin;            // true: started; false: ended
  uint32_t timestamp;    // the event's RTP timestamp
  uint16_t duration;     // for an end: the final duration
  uint8_t volume;
};

struct TelephoneEventReceiverStats {
  uint64_t packets = 0, duplicates = 0, malformed = 0, stale = 0, endsLost = 0;
};

class TelephoneEventReceiver {
 public:
  // One RTP packet of the telephone-event payload type; writes up to 3 reports, returns how many.
  int onPacket(uint32_t timestamp, bool marker, const uint8_t* payload, size_t n, TelephoneEventReport out[3]);
  // The stream stopped without an end packet: reports the end of an active event (0 or 1).
  int flush(TelephoneEventReport out[1]);
  bool active() const { return active_; }
  const TelephoneEventReceiverStats& stats() const { return st_; }
  void reset() { active_ = ended_ = haveLast_ = false; }

 private:
  bool active_ = false;    // an event has begun and not ended
  bool ended_ = false;     // the event at lastTs_ has ended
  bool haveLast_ = false;
  uint32_t lastTs_ = 0;
  uint8_t event_ = 0;
  uint8_t volume_ = 0;
  uint16_t duration_ = 0;
  TelephoneEventReceiverStats st_;
};

}  // namespace tandem::media
