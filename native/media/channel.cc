// Media channel: parameters, the 1 ms tick, TDM -> RTP packetizing, RTP -> TDM playout and the RTCP
// reports it sends; see channel.h. What arrives from the sockets (RTP, RTCP) is in channel_rx.cc.
#include "media/channel.h"
#include "media/channel_arena.h"

#include <arpa/inet.h>
#include <errno.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <utility>

#include "media/channel_detail.h"
#include "media/rtcp.h"

namespace tandem::media {

using namespace channel_detail;  // NOLINT(google-build-using-namespace): this channel's own helpers

MediaChannel::MediaChannel(uint32_t handle, std::shared_ptr<MediaHub> hub, int rtpFd, int rtpSlot, int rtcpFd, int rtcpSlot,
                           uint32_t ssrc, const ChannelParams& p)
    : hub_(hub.get()),
      rtpSlot_(rtpSlot),
      rtcpSlot_(rtcpSlot),
      rtcpFd_(rtcpFd),
      tdmLaw_(p.tdmLaw),
      handle_(handle),
      hubRef_(std::move(hub)),
      rtpFd_(rtpFd),
      p_(p),
      jb_(p.jb),
      localSsrc_(ssrc),
      seq_(static_cast<uint16_t>(ssrc * 2654435761u >> 16)),
      ts_(ssrc * 40503u) {
  std::memset(out_, g711::silence(p.tdmLaw), sizeof out_);
  std::memset(delay_, g711::silence(p.tdmLaw), sizeof delay_);
  std::memset(hist8_, g711::silence(p.tdmLaw), sizeof hist8_);
  toneToTdm_ = p.toneOn && p.toneTarget == ChannelParams::ToneTarget::Tdm;
  toneToRtp_ = p.toneOn && p.toneTarget == ChannelParams::ToneTarget::Rtp;
  ptSamples_ = p.ptimeMs * 8;
  rtpTimeoutUs_ = static_cast<uint64_t>(p.rtpTimeoutMs) * 1000;
  // Channels opened together (a burst of calls, a restart) would otherwise build and send their
  // packets in the same ticks: spread their send phase over 20 ticks by the handle (the RTP stream
  // starts up to 19 ms later; nothing else changes).
  phaseSkip_ = static_cast<int>(handle % 20);
  snap_.localSsrc.store(ssrc, std::memory_order_relaxed);
  updateConnection();  // JS thread, before the engine knows the channel
}

MediaChannel::~MediaChannel() = default;

void* MediaChannel::operator new(size_t n) { return channelArenaAlloc(n); }
void MediaChannel::operator delete(void* p, size_t n) { channelArenaFree(p, n); }

bool MediaChannel::modify(const ChannelParams& p) {
  if (!updates_.push(p)) return false;
  updatePending_.store(true, std::memory_order_release);  // after the push: slowTick() clears it, then drains
  return true;
}

void MediaChannel::apply(const ChannelParams& p) {
  const JitterBufferConfig& a = p_.jb;
  const JitterBufferConfig& b = p.jb;
  const bool jbChanged = a.initialFrames != b.initialFrames || a.minFrames != b.minFrames || a.maxFrames != b.maxFrames ||
                         a.window != b.window || a.resyncFrames != b.resyncFrames;
  const bool lawChanged = p.tdmLaw != p_.tdmLaw;
  const bool remoteChanged = p.haveRemote != p_.haveRemote || (p.haveRemote && !sameAddress(p.remote, p_.remote));
  p_ = p;
  if (jbChanged || lawChanged) jb_.configure(p_.jb);
  if (lawChanged) {
    det_.reset();
    plcFull_ = kHistFrames;  // the kept octets were of the other law: refill the concealer's history
    plcStale_ = false;
  }
  if (remoteChanged) latched_ = false;  // a new remote address: latch again if symmetric
  updateConnection();
  if (lineFill_ >= p_.ptimeMs * 8) {
    // a shorter ptime: drop the whole blocks collected beyond it (the detector has seen them), keep
    // the block being collected
    const int part = lineFill_ % kFrame;
    std::memmove(line_, line_ + lineFill_ - part, static_cast<size_t>(part));
    lineFill_ = part;
  }
  if (p_.toneSeq != toneSeq_) {
    toneSeq_ = p_.toneSeq;
    if (p_.toneOn) progress_.start(p_.tone);
    else progress_.stop();
  }
  tdmLaw_ = p_.tdmLaw;
  toneToTdm_ = p_.toneOn && p_.toneTarget == ChannelParams::ToneTarget::Tdm;
  toneToRtp_ = p_.toneOn && p_.toneTarget == ChannelParams::ToneTarget::Rtp;
  ptSamples_ = p_.ptimeMs * 8;
  rtpTimeoutUs_ = static_cast<uint64_t>(p_.rtpTimeoutMs) * 1000;
  inc(snap_.paramsApplied);
}

void MediaChannel::updateConnection() {
  const bool want = p_.connect && p_.haveRemote && (!p_.symmetric || latched_);
  if (want && connected_ && sameAddress(connectedTo_, p_.remote)) return;
  if (!want && !connected_) return;
  if (want) {
    // A connected UDP socket may be connected again to another address (re-INVITE, new latch).
    if (::connect(rtpFd_, reinterpret_cast<const sockaddr*>(&p_.remote), p_.remoteLen) == 0) {
      connected_ = true;
      connectedTo_ = p_.remote;
      return;
    }
    inc(snap_.sendErrors);  // stays unconnected: sendto() with the address, as without the option
  }
  sockaddr unspec{};
  unspec.sa_family = AF_UNSPEC;  // dissolves the association (connect(2), UDP)
  ::connect(rtpFd_, &unspec, sizeof unspec);
  connected_ = false;
}

void MediaChannel::emit(MediaEventType t, int64_t a, int64_t b, char digit, uint8_t source, const char* text) {
  MediaEvent e;
  e.type = t;
  e.channel = handle_;
  e.a = a;
  e.b = b;
  e.digit = digit;
  e.source = source;
  if (text) std::snprintf(e.text, sizeof e.text, "%s", text);
  hub_->emit(e);
}

void MediaChannel::onBearerTick(uint64_t nowUs, const uint8_t* rx, size_t nRx, uint8_t tx[8]) {
  hub_->pollOnce(nowUs);
  if (!hub_->timing()) {
    tick(nowUs, rx, nRx, tx);
    return;
  }
  // A sampled tick (MediaHub::timing): the time spent in the channels is the media core's CPU.
  const uint64_t t0 = MediaHub::monoNs();
  tick(nowUs, rx, nRx, tx);
  hub_->addTickTime(MediaHub::monoNs() - t0);
}

void MediaChannel::tick(uint64_t nowUs, const uint8_t* rx, size_t nRx, uint8_t tx[8]) {
  lastNowUs_ = nowUs;
  if ((++tickNo_ & 7) == 1) slowTick(nowUs);
  if (hub_->takeReady(rtpSlot_)) receive(nowUs);
  if (rtcpFd_ >= 0 && hub_->takeReady(rtcpSlot_)) receiveRtcp(nowUs);

  // TDM -> RTP: collect the line's octets (always 8 a tick: the last 8 received, silence-padded);
  // the detector and the packet get them every 10 ms (the detector works on 10 ms blocks anyway).
  uint8_t* in = line_ + lineFill_;
  if (phaseSkip_ > 0) {
    --phaseSkip_;
  } else {
    if (nRx >= 8) {
      std::memcpy(in, rx + (nRx - 8), 8);
    } else {
      std::memcpy(in, rx, nRx);
      std::memset(in + nRx, g711::silence(tdmLaw_), 8 - nRx);
    }
    lineFill_ += 8;
    const int part = lineFill_ % kFrame;
    if (part == 0) transmitSide();
    else if (part == kFrame - 8) {  // used next tick: fetch meanwhile
      det_.prefetchGate();
      if (lineFill_ + 8 >= ptSamples_) __builtin_prefetch(&p_);  // a packet goes out next tick
    }
  }

  // RTP -> TDM. The jitter buffer is cold by its turn (1500 channels): its state is fetched two ticks
  // ahead, the slot to play one tick ahead, so the misses overlap with other channels' work.
  if (outPos_ == kFrame - 16) jb_.prefetchState();
  else if (outPos_ == kFrame - 8) {
    jb_.prefetchPlay();
    __builtin_prefetch(hist8_[hist8Next_], 1);
    __builtin_prefetch(hist8_[hist8Next_] + kFrame - 1, 1);
  }
  if (outPos_ >= kFrame) {
    nextPlayoutFrame();
    outPos_ = 0;
  }
  std::memcpy(tx, out_ + outPos_, 8);
  outPos_ += 8;
  if (playingEvent_) {
    int16_t s[8];
    toneOut_.generate(s, 8);
    g711::encodeBlock(tdmLaw_, s, tx, 8);
    if (eventToneUntilUs_ != 0 && nowUs >= eventToneUntilUs_) {
      toneOut_.stop();
      eventToneUntilUs_ = 0;
      muteUntilUs_ = nowUs + 40000;  // a Q.24 pause before the audio comes back
      playingEvent_ = false;
    }
  } else if (nowUs < muteUntilUs_) {
    std::memset(tx, g711::silence(tdmLaw_), 8);
  }
}

void MediaChannel::slowTick(uint64_t nowUs) {
  // modify() takes effect within 8 ms; the ring is not touched every tick
  if (updatePending_.load(std::memory_order_relaxed) && updatePending_.exchange(false, std::memory_order_acq_rel)) {
    while (ChannelParams* u = updates_.front()) {
      apply(*u);
      updates_.pop();
    }
  }
  // An event whose end packets were all lost: RFC 4733 §2.5.2.1 lets the receiver end it when updates
  // stop; here after 300 ms without any event packet.
  if (teRxPending_) {
    if (!teRx_.active()) {
      teRxPending_ = false;
    } else if (nowUs - lastEventPacketUs_ > 300000) {
      TelephoneEventReport rep[1];
      if (teRx_.flush(rep) == 1) {
        emit(MediaEventType::Dtmf, 0, rep[0].duration / 8, dtmfDigitOfEvent(rep[0].event), 0);
        if (playingEvent_ && eventToneUntilUs_ == 0) eventToneUntilUs_ = nowUs;
      }
    }
  }
  if (firstPacketSeen_ && rtpTimeoutUs_ != 0 && !timedOut_ && nowUs - lastRxUs_ > rtpTimeoutUs_) {
    timedOut_ = true;
    inc(snap_.timeouts);
    emit(MediaEventType::RtpTimeout, static_cast<int64_t>((nowUs - lastRxUs_) / 1000));
  }
  if (nowUs >= nextRtcpUs_ && p_.rtcpIntervalMs != 0 && rtcpFd_ >= 0) {
    if (nextRtcpUs_ != 0) sendRtcp(nowUs);
    // §6.3.1: randomised over [0.5, 1.5] of the interval
    const uint64_t iv = static_cast<uint64_t>(p_.rtcpIntervalMs) * 1000;
    const uint64_t r = (static_cast<uint64_t>(localSsrc_) * 2654435761u + tickNo_ * 40503u) % iv;
    nextRtcpUs_ = nowUs + iv / 2 + r;
  }
  if ((tickNo_ & 63) == 1) publish();  // counters kept in the snapshot directly; these every 64 ms
}

void MediaChannel::transmitSide() {
  uint8_t* block = line_ + lineFill_ - kFrame;
  // The signal gate needs only the block's energy (squares by table, no decoding); a block that
  // passes it is decoded for the filters.
  if (!det_.skipQuietBlock(g711::sumSquares(tdmLaw_, block, kFrame))) {
    int16_t lin[kFrame];
    g711::decodeBlock(tdmLaw_, block, lin, kFrame);
    det_.process(lin, kFrame);
  }
  DtmfDetection d;
  while (det_.pending() && det_.poll(&d)) {
    if (d.begin) {
      inc(snap_.dtmfTdmDetected);
      emit(MediaEventType::Dtmf, 1, 0, d.digit, 1);
      if (p_.dtmfMode == DtmfMode::Rfc4733 && p_.telephoneEventPt >= 0 && !teTx_.active()) {
        teTx_.begin(static_cast<uint8_t>(dtmfEventCode(d.digit)), 10, ts_);
        sendingEvent_ = true;
        eventBeginSample_ = d.sample;
      }
    } else {
      emit(MediaEventType::Dtmf, 0, static_cast<int64_t>((d.sample - eventBeginSample_) / 8), d.digit, 1);
      if (sendingEvent_) teTx_.end();
    }
  }
  if (toneToRtp_) {
    int16_t s[kFrame];
    progress_.generate(s, kFrame);
    g711::encodeBlock(tdmLaw_, s, block, kFrame);  // the tone replaces the line's audio towards RTP
  }
  const int ptSamples = ptSamples_;
  if (lineFill_ < ptSamples) return;
  if (sendingEvent_) {
    TelephoneEventPacket ev[3];
    const int k = teTx_.update(static_cast<uint32_t>(ptSamples), ev);
    for (int i = 0; i < k; ++i) {
      sendPacket(static_cast<uint8_t>(p_.telephoneEventPt), ev[i].marker, ev[i].timestamp, ev[i].payload, 4);
      inc(snap_.eventPacketsTx);
    }
    if (!teTx_.active()) {
      sendingEvent_ = false;
      firstTx_ = true;  // the audio after an event starts a talkspurt
    }
  } else {
    sendAudio();
  }
  ts_ += static_cast<uint32_t>(ptSamples);
  lineFill_ = 0;
}

void MediaChannel::sendAudio() {
  const int n = p_.ptimeMs * 8;
  uint8_t conv[240];
  const uint8_t* payload = line_;
  if (p_.tdmLaw != p_.rtpLaw) {
    g711::convertBlock(p_.tdmLaw, p_.rtpLaw, line_, conv, static_cast<size_t>(n));
    payload = conv;
  }
  sendPacket(p_.audioPt, firstTx_, ts_, payload, static_cast<size_t>(n));  // RFC 3551 §4.1: marker at talkspurt start
  firstTx_ = false;
}

void MediaChannel::sendPacket(uint8_t pt, bool marker, uint32_t ts, const uint8_t* payload, size_t n) {
  if (!p_.haveRemote) return;
  RtpHeader h;
  h.payloadType = pt;
  h.marker = marker;
  h.seq = seq_++;
  h.timestamp = ts;
  h.ssrc = localSsrc_;
  uint8_t buf[12 + 240];
  const size_t len = buildRtp(h, nullptr, payload, n, buf, sizeof buf);
  const ssize_t s = connected_ ? send(rtpFd_, buf, len, MSG_DONTWAIT)
                               : sendto(rtpFd_, buf, len, MSG_DONTWAIT, reinterpret_cast<const sockaddr*>(&p_.remote), p_.remoteLen);
  if (s < 0) {
    inc(snap_.sendErrors);
    return;
  }
  ++packetsSent_;
  octetsSent_ += n;
  timespec now{};
  clock_gettime(CLOCK_MONOTONIC, &now);
  const uint64_t nowUs = static_cast<uint64_t>(now.tv_sec) * 1000000u + static_cast<uint64_t>(now.tv_nsec) / 1000u;
  hub_->recordSendLateness(nowUs > lastNowUs_ ? nowUs - lastNowUs_ : 0);  // after the tick's deadline
  inc(snap_.rtpTx);
  inc(snap_.octetsTx, n);
}

void MediaChannel::nextPlayoutFrame() {
  playoutFrame();
  if (toneToTdm_ && !playingEvent_ && lastNowUs_ >= muteUntilUs_) {
    // A call-progress tone on the timeslot replaces the frame (RTP audio muted), 10 ms at a time;
    // silence in the off intervals of the cadence.
    int16_t s[kFrame];
    progress_.generate(s, kFrame);
    g711::encodeBlock(tdmLaw_, s, out_, kFrame);
  }
}

void MediaChannel::playoutFrame() {
  uint8_t frame[kFrame];
  int16_t lin[kFrame], plcOut[kFrame];
  uint32_t idx = 0;
  const JbFrame k = jb_.get(frame, &idx);
  if (k == JbFrame::Lost || k == JbFrame::Underflow) {
    if (plcStale_) {
      // The concealer was skipped while frames arrived: give it the history it would have built.
      int16_t h[kHistFrames * kFrame];
      for (int f = 0; f < kHistFrames; ++f) g711::decodeBlock(p_.tdmLaw, hist8_[(hist8Next_ + f) % kHistFrames], h + f * kFrame, kFrame);
      plc_.setHistory(h + kHistFrames * kFrame - G711Plc::kHistory);
      plcStale_ = false;
    }
    plc_.lost(plcOut);  // G.711 Appendix I
    g711::encodeBlock(p_.tdmLaw, plcOut, out_, kFrame);
    plcTail_ = 2;
    plcFull_ = 2 + kHistFrames;
    return;
  }
  if (k == JbFrame::Empty) std::memset(frame, g711::silence(p_.tdmLaw), kFrame);
  std::memcpy(hist8_[hist8Next_], frame, kFrame);
  hist8Next_ = (hist8Next_ + 1) % kHistFrames;
  if (plcFull_ > 0) {
    g711::decodeBlock(p_.tdmLaw, frame, lin, kFrame);
    plc_.good(lin, plcOut);
    --plcFull_;
  } else {
    plcStale_ = true;
  }
  if (plcTail_ > 0) {
    // the blend after a loss reaches into this frame and the next one's delayed tail
    g711::encodeBlock(p_.tdmLaw, plcOut, out_, kFrame);
    --plcTail_;
  } else {
    // the octets themselves (bit-exact), delayed like the concealer's output (I.2.1)
    std::memcpy(out_, delay_, G711Plc::kOverlapMax);
    std::memcpy(out_ + G711Plc::kOverlapMax, frame, kFrame - G711Plc::kOverlapMax);
  }
  std::memcpy(delay_, frame + kFrame - G711Plc::kOverlapMax, G711Plc::kOverlapMax);
  if (playingEvent_ || lastNowUs_ < muteUntilUs_) std::memset(out_, g711::silence(p_.tdmLaw), kFrame);
}

void MediaChannel::sendRtcp(uint64_t nowUs) {
  if (!p_.haveRemote) return;
  RtcpReport r;
  r.ssrc = localSsrc_;
  r.isSr = packetsSent_ > 0;
  if (r.isSr) {
    r.sender.ntp = ntpNow();
    r.sender.rtpTimestamp = ts_;
    r.sender.packetCount = static_cast<uint32_t>(packetsSent_);
    r.sender.octetCount = static_cast<uint32_t>(octetsSent_);
  }
  if (haveSource_ && src_.valid()) {
    RtcpReportBlock& b = r.blocks[0];
    const RtpSourceStats st = src_.stats();
    b.ssrc = remoteSsrc_;
    b.fractionLost = src_.takeFractionLost();
    b.cumulativeLost = src_.cumulativeLost24();
    b.extHighestSeq = st.extendedMax;
    b.jitter = st.jitter;
    b.lsr = lsr_;
    b.dlsr = lsr_ ? static_cast<uint32_t>((nowUs - lsrArrivalUs_) * 65536 / 1000000) : 0;
    r.nBlocks = 1;
  }
  uint8_t buf[512];
  const size_t n = buildRtcpCompound(r, "tandem", buf, sizeof buf);
  const sockaddr_storage to = rtcpAddress(p_.remote);
  if (n && sendto(rtcpFd_, buf, n, MSG_DONTWAIT, reinterpret_cast<const sockaddr*>(&to), p_.remoteLen) > 0) inc(snap_.rtcpTx);
}

void MediaChannel::publish() {
  const JitterBufferStats& j = jb_.stats();
  auto st = [](std::atomic<uint64_t>& a, uint64_t v) { a.store(v, std::memory_order_relaxed); };
  st(snap_.jbPlayed, j.played);
  st(snap_.jbLost, j.lost);
  st(snap_.jbUnderflow, j.underflow);
  st(snap_.jbLate, j.late);
  st(snap_.jbDuplicate, j.duplicate);
  st(snap_.jbDropped, j.overflowDropped + j.shrinkDropped);
  st(snap_.jbEmpty, j.empty);
  snap_.jbLevel.store(j.level, std::memory_order_relaxed);
  if (haveSource_) {
    const RtpSourceStats s = src_.stats();
    snap_.cumulativeLost.store(s.cumulativeLost, std::memory_order_relaxed);
    snap_.jitterTs.store(s.jitter, std::memory_order_relaxed);
  }
}

}  // namespace tandem::media
