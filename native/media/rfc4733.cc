// RFC 4733 telephone-event; see rfc4733.h.
#include "media/rfc4733.h"

#include "common/bytes.h"

namespace tandem::media {

bool parseTelephoneEvent(const uint8_t* p, size_t n, TelephoneEvent* out) {
  if (n < 4) return false;
  out->event = p[0];
  out->end = (p[1] & 0x80) != 0;
  out->volume = p[1] & 0x3F;
  out->duration = bytes::rd16(p + 2);
  return true;
}

void buildTelephoneEvent(const TelephoneEvent& e, uint8_t out[4]) {
  out[0] = e.event;
  out[1] = static_cast<uint8_t>((e.end ? 0x80 : 0x00) | (e.volume & 0x3F));  // R bit sent as 0 (§2.3)
  bytes::wr16(out + 2, e.duration);
}

void TelephoneEventSender::begin(uint8_t event, uint8_t volume, uint32_t startTs) {
  active_ = true;
  ending_ = false;
  first_ = true;
  ev_ = TelephoneEvent{event, false, static_cast<uint8_t>(volume & 0x3F), 0};
  ts_ = startTs;
  elapsed_ = 0;
}

int TelephoneEventSender::update(uint32_t elapsed, TelephoneEventPacket out[3]) {
  if (!active_) return 0;
  elapsed_ += elapsed;
  int n = 0;
  if (elapsed_ > 0xFFFF) {
    // §2.5.1.3: close this segment at the maximum duration and continue in a new one.
    ev_.duration = 0xFFFF;
    ev_.end = false;
    buildTelephoneEvent(ev_, out[n].payload);
    out[n].marker = first_;
    out[n].timestamp = ts_;
    ++n;
    ts_ += 0xFFFF;
    elapsed_ -= 0xFFFF;
    first_ = false;
  }
  ev_.duration = static_cast<uint16_t>(elapsed_);
  if (ending_) {
    ev_.end = true;
    for (int i = 0; i < 3 && n < 3; ++i) {  // §2.5.1.4: the final packet three times
      buildTelephoneEvent(ev_, out[n].payload);
      out[n].marker = first_ && i == 0;
      out[n].timestamp = ts_;
      ++n;
    }
    active_ = false;
    return n;
  }
  buildTelephoneEvent(ev_, out[n].payload);
  out[n].marker = first_;
  out[n].timestamp = ts_;
  first_ = false;
  return n + 1;
}

int TelephoneEventReceiver::onPacket(uint32_t ts, bool marker, const uint8_t* payload, size_t n,
                                     TelephoneEventReport out[3]) {
  (void)marker;  // the timestamp identifies the event (§2.5.2.1); the marker may be lost with its packet
  TelephoneEvent e;
  if (!parseTelephoneEvent(payload, n, &e) || e.event > 15) {
    ++st_.malformed;
    return 0;
  }
  ++st_.packets;
  int k = 0;
  if (haveLast_ && ts == lastTs_) {
    if (ended_ || e.event != event_) {
      ++st_.duplicates;  // repeated end packet, or a retransmission after the end
      return 0;
    }
    if (e.end) {
      duration_ = e.duration > duration_ ? e.duration : duration_;
      out[k++] = TelephoneEventReport{event_, false, lastTs_, duration_, volume_};
      active_ = false;
      ended_ = true;
      return k;
    }
    if (e.duration > duration_) duration_ = e.duration;
    else ++st_.duplicates;
    return 0;
  }
  if (haveLast_ && static_cast<int32_t>(ts - lastTs_) < 0) {
    ++st_.stale;  // a packet of an older event, reordered or retransmitted late
    return 0;
  }
  if (active_) {
    // A new event while the previous one has not ended: its end packets were lost.
    ++st_.endsLost;
    out[k++] = TelephoneEventReport{event_, false, lastTs_, duration_, volume_};
  }
  haveLast_ = true;
  lastTs_ = ts;
  event_ = e.event;
  volume_ = e.volume;
  duration_ = e.duration;
  out[k++] = TelephoneEventReport{event_, true, ts, duration_, volume_};
  if (e.end) {
    out[k++] = TelephoneEventReport{event_, false, ts, duration_, volume_};
    active_ = false;
    ended_ = true;
  } else {
    active_ = true;
    ended_ = false;
  }
  return k;
}

int TelephoneEventReceiver::flush(TelephoneEventReport out[1]) {
  if (!active_) return 0;
  ++st_.endsLost;
  out[0] = TelephoneEventReport{event_, false, lastTs_, duration_, volume_};
  active_ = false;
  ended_ = true;
  return 1;
}

}  // namespace tandem::media
