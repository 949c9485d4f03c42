// Media channel, receive side: RTP datagrams from the socket (recv / recvmmsg in batches), their checks
// and latching (RFC 3550 §5.1, Appendix A.1; symmetric RTP, RFC 4961), audio into the jitter buffer,
// RFC 4733 telephone-events, and the RTCP reports that arrive (RFC 3550 §6.4); see channel.h.
#include <errno.h>
#include <sys/socket.h>

#include <algorithm>
#include <cstring>

#include "media/channel.h"
#include "media/channel_detail.h"
#include "media/rtcp.h"

namespace tandem::media {

using namespace channel_detail;  // NOLINT(google-build-using-namespace): this channel's own helpers

void MediaChannel::receive(uint64_t nowUs) {
  static_assert(kMaxBatch <= MediaHub::kRxBatch && kMaxDatagram <= MediaHub::kRxDatagram, "hub receive buffers");
  uint8_t (*bufs)[MediaHub::kRxDatagram] = hub_->rxBufs();  // RT thread only, one channel at a time
  sockaddr_storage* addrs = hub_->rxAddrs();
  const bool backlog = lastReadyTick_ + 1 == tickNo_;  // ready on consecutive ticks: drain in batches
  lastReadyTick_ = tickNo_;
  if (!backlog) {
    // The usual case: one datagram (one per ptime arrives); the poller reports the socket again next
    // tick if it holds more. Connected, the source is the remote (the kernel filters the others).
    socklen_t len = sizeof addrs[0];
    ssize_t n;
    do {
      n = connected_ ? recv(rtpFd_, bufs[0], kMaxDatagram, MSG_DONTWAIT)
                     : recvfrom(rtpFd_, bufs[0], kMaxDatagram, MSG_DONTWAIT, reinterpret_cast<sockaddr*>(&addrs[0]), &len);
    } while (n < 0 && errno == ECONNREFUSED);  // connected: an ICMP error reported once; data may follow
    if (n < 0) return;
    if (connected_) {
      addrs[0] = connectedTo_;
      len = p_.remoteLen;
    }
    onRtp(bufs[0], static_cast<size_t>(n), addrs[0], len, nowUs);
    return;
  }
  mmsghdr msgs[kMaxBatch];
  iovec iov[kMaxBatch];
  for (int round = 0; round < 8; ++round) {  // a flood: the rest waits for the next tick
    for (int i = 0; i < kMaxBatch; ++i) {
      iov[i] = iovec{bufs[i], kMaxDatagram};
      std::memset(&msgs[i], 0, sizeof msgs[i]);
      msgs[i].msg_hdr.msg_iov = &iov[i];
      msgs[i].msg_hdr.msg_iovlen = 1;
      msgs[i].msg_hdr.msg_name = &addrs[i];
      msgs[i].msg_hdr.msg_namelen = sizeof addrs[i];
    }
    const int n = recvmmsg(rtpFd_, msgs, kMaxBatch, MSG_DONTWAIT, nullptr);
    if (n < 0 && errno == ECONNREFUSED) continue;
    if (n <= 0) break;
    for (int i = 0; i < n; ++i) onRtp(bufs[i], msgs[i].msg_len, addrs[i], msgs[i].msg_hdr.msg_namelen, nowUs);
    if (n < kMaxBatch) break;
  }
}

void MediaChannel::onRtp(const uint8_t* p, size_t n, const sockaddr_storage& from, socklen_t fromLen, uint64_t nowUs) {
  RtpHeader h;
  const RtpError err = parseRtp(p, n, &h);
  if (err != RtpError::None) {
    inc(err == RtpError::TooShort ? snap_.badShort : err == RtpError::BadVersion ? snap_.badVersion : snap_.badHeader);
    return;
  }
  if (p_.symmetric && latched_ && !(p_.haveRemote && sameAddress(from, p_.remote))) {
    inc(snap_.wrongSource);
    return;
  }
  const bool isEvent = p_.telephoneEventPt >= 0 && h.payloadType == p_.telephoneEventPt;
  if (h.payloadType != p_.audioPt && !isEvent) {
    inc(snap_.unknownPt);
    return;
  }
  if (!haveSource_ || h.ssrc != remoteSsrc_) {
    if (haveSource_) {
      inc(snap_.ssrcChanges);
      emit(MediaEventType::SsrcChange, h.ssrc, remoteSsrc_);
      jb_.reset();
      teRx_.reset();
    }
    haveSource_ = true;
    remoteSsrc_ = h.ssrc;
    tsBase_ = h.timestamp;
    src_.start(h.ssrc, h.seq, false);
    snap_.remoteSsrc.store(h.ssrc, std::memory_order_relaxed);
  }
  const RtpSeqResult r = src_.update(h.seq);
  if (r == RtpSeqResult::BadSeq || r == RtpSeqResult::Probation) {
    inc(r == RtpSeqResult::BadSeq ? snap_.badSeq : snap_.probation);
    return;
  }
  if (r == RtpSeqResult::Restarted) {
    jb_.reset();
    tsBase_ = h.timestamp;
  }
  src_.updateJitter(h.timestamp, static_cast<uint32_t>(nowUs * 8 / 1000));
  if (p_.symmetric && !latched_) {
    latched_ = true;
    if (!p_.haveRemote || !sameAddress(from, p_.remote)) {
      std::memcpy(&p_.remote, &from, sizeof from);
      p_.remoteLen = fromLen;
      p_.haveRemote = true;
      char text[64];
      formatAddress(from, text, sizeof text);
      emit(MediaEventType::Latched, 0, 0, 0, 0, text);
    }
    updateConnection();
  }
  lastRxUs_ = nowUs;
  if (timedOut_) {
    timedOut_ = false;
    emit(MediaEventType::RtpResumed);
  }
  if (!firstPacketSeen_) {
    firstPacketSeen_ = true;
    emit(MediaEventType::FirstPacket, h.ssrc);
  }
  inc(snap_.rtpRx);
  inc(snap_.octetsRx, h.payloadLength);
  const uint8_t* payload = p + h.payloadOffset;
  if (isEvent) {
    onTelephoneEvent(h, payload, h.payloadLength);
    return;
  }
  if (h.payloadLength == 0 || h.payloadLength % kFrame != 0 || h.payloadLength > 16 * kFrame) {
    inc(snap_.badSize);
    return;
  }
  const uint32_t idx0 = (h.timestamp - tsBase_) / kFrame;
  uint8_t conv[kFrame];
  for (size_t f = 0; f < h.payloadLength / kFrame; ++f) {
    const uint8_t* frame = payload + f * kFrame;
    if (p_.rtpLaw != p_.tdmLaw) {
      g711::convertBlock(p_.rtpLaw, p_.tdmLaw, frame, conv, kFrame);
      frame = conv;
    }
    // A frame is "silent" (the buffer may drop it to shrink) below about -50 dBm0 everywhere.
    int16_t lin[kFrame];
    g711::decodeBlock(p_.tdmLaw, frame, lin, kFrame);
    int loud = 0;
    for (int i = 0; i < kFrame; ++i) loud |= (lin[i] <= -96) | (lin[i] >= 96);  // no early exit: vectorised
    const bool silent = loud == 0;
    jb_.put(idx0 + static_cast<uint32_t>(f), frame, kFrame, h.marker && f == 0, silent);
  }
}

void MediaChannel::onTelephoneEvent(const RtpHeader& h, const uint8_t* payload, size_t n) {
  inc(snap_.eventPacketsRx);
  teRxPending_ = true;
  lastEventPacketUs_ = lastNowUs_;
  TelephoneEventReport rep[3];
  const int k = teRx_.onPacket(h.timestamp, h.marker, payload, n, rep);
  for (int i = 0; i < k; ++i) {
    const char digit = dtmfDigitOfEvent(rep[i].event);
    if (rep[i].begin) {
      inc(snap_.dtmfRtpRx);
      emit(MediaEventType::Dtmf, 1, 0, digit, 0);
      if (p_.dtmfMode == DtmfMode::Rfc4733) {
        ToneSpec s;
        if (dtmfToneSpec(digit, -8.0f, -6.0f, 600000, &s)) {  // Q.23 levels; stopped at the end
          toneOut_.start(s);
          playingEvent_ = true;
          eventToneStartUs_ = lastNowUs_;
          eventToneUntilUs_ = 0;
        }
      }
    } else {
      emit(MediaEventType::Dtmf, 0, rep[i].duration / 8, digit, 0);
      if (playingEvent_) {
        // at least the event's duration and Q.24's 40 ms minimum
        const uint64_t minEnd = eventToneStartUs_ + std::max<uint64_t>(40000, static_cast<uint64_t>(rep[i].duration) * 125);
        eventToneUntilUs_ = std::max(lastNowUs_, minEnd);
      }
    }
  }
}

void MediaChannel::receiveRtcp(uint64_t nowUs) {
  uint8_t buf[kMaxDatagram];
  for (int i = 0;; ++i) {
    if (i == kMaxBatch) {
      hub_->markReady(rtcpSlot_);  // more next tick
      break;
    }
    const ssize_t n = recv(rtcpFd_, buf, sizeof buf, MSG_DONTWAIT);
    if (n <= 0) break;
    RtcpParsed pr;
    if (parseRtcpCompound(buf, static_cast<size_t>(n), &pr) != RtcpError::None || !pr.haveReport) {
      inc(snap_.rtcpBad);
      continue;
    }
    inc(snap_.rtcpRx);
    const uint64_t ntp = ntpNow();
    if (pr.report.isSr) {
      lsr_ = ntpMiddle32(pr.report.sender.ntp);
      lsrArrivalUs_ = nowUs;
    }
    for (int b = 0; b < pr.report.nBlocks; ++b) {
      const RtcpReportBlock& blk = pr.report.blocks[b];
      if (blk.ssrc != localSsrc_) continue;
      snap_.remoteFractionLost.store(blk.fractionLost, std::memory_order_relaxed);
      snap_.remoteJitterTs.store(static_cast<int32_t>(blk.jitter), std::memory_order_relaxed);
      const int64_t rtt = rtcpRoundTrip(ntpMiddle32(ntp), blk.lsr, blk.dlsr);
      if (rtt >= 0) snap_.rttUs.store(rtt * 1000000 / 65536, std::memory_order_relaxed);
    }
  }
}

}  // namespace tandem::media
