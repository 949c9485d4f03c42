// A media channel: one RTP stream <-> one bearer timeslot of a span, on the TDM engine's 1 ms tick
// (core::BearerConsumer, called on the engine's RT thread; never on the JS thread).
//
// Per tick (onBearerTick): apply a pending modify; receive what the socket holds (recvmmsg, only when
// the hub's poller saw data); TDM -> RTP: the 8 received octets go into the packet being built, and
// every ptime (10/20/30 ms) a packet is sent, A-law <-> µ-law converted by the G.711 tables if the
// negotiated payload type differs from the line's law; RTP -> TDM: every 10 ms one frame is taken
// from the jitter buffer (concealed per G.711 Appendix I when missing) and played 8 octets per tick.
// DTMF (dtmfMode):
//  - Rfc4733: digits detected in-band on the TDM side (Q.24) are sent as RFC 4733 events (the audio
//    packets are held back while an event is sent); events received are played as Q.23 tones on the
//    timeslot while the RTP audio is muted.
//  - Inband: audio passes both ways untouched; digits detected on the TDM side are still reported.
// Bad RTP (short header, wrong version, unknown payload type, wrong source when latched, bad
// sequence) is counted and dropped.
#pragma once

#include <netinet/in.h>
#include <sys/socket.h>

#include <atomic>
#include <cstdint>
#include <memory>

#include "core/bearer_port.h"
#include "core/spsc_ring.h"
#include "media/dtmf_detector.h"
#include "media/g711.h"
#include "media/jitter_buffer.h"
#include "media/media_hub.h"
#include "media/plc.h"
#include "media/rfc4733.h"
#include "media/rtp.h"
#include "media/tone_generator.h"

namespace tandem::media {

enum class DtmfMode : uint8_t { Rfc4733 = 0, Inband = 1 };

struct ChannelParams {
  g711::Law tdmLaw = g711::Law::Alaw;
  uint8_t audioPt = 8;              // negotiated G.711 payload type (0 PCMU, 8 PCMA, or dynamic)
  g711::Law rtpLaw = g711::Law::Alaw;
  int telephoneEventPt = 101;       // -1: none negotiated
  int ptimeMs = 20;                 // 10, 20 or 30
  DtmfMode dtmfMode = DtmfMode::Rfc4733;
  bool symmetric = false;           // latch the remote address to the first valid source
  // connect() the RTP socket to the remote (when symmetric: once latched). The kernel then keeps the
  // route (no lookup per packet: send() instead of sendto()) and drops datagrams from any other
  // source before they reach the channel (not counted as wrongSource).
  bool connect = false;
  uint32_t rtpTimeoutMs = 30000;    // 0 = off
  uint32_t rtcpIntervalMs = 5000;   // 0 = no RTCP
  bool haveRemote = false;
  sockaddr_storage remote{};
  socklen_t remoteLen = 0;
  JitterBufferConfig jb;
  // Call-progress (or any) tone: played on the timeslot (target Tdm, RTP audio muted) or sent as the
  // RTP audio instead of the line's (target Rtp). toneSeq changes for every new request.
  enum class ToneTarget : uint8_t { Tdm = 0, Rtp = 1 };
  bool toneOn = false;
  ToneTarget toneTarget = ToneTarget::Tdm;
  ToneSpec tone;
  uint32_t toneSeq = 0;
};

// Read by JS at any time (each value exact, the set not atomic as a whole).
struct ChannelSnapshot {
  std::atomic<uint64_t> rtpRx{0}, rtpTx{0}, octetsRx{0}, octetsTx{0};
  std::atomic<uint64_t> badShort{0}, badVersion{0}, badHeader{0}, unknownPt{0}, wrongSource{0}, badSeq{0}, badSize{0};
  std::atomic<uint64_t> probation{0}, ssrcChanges{0}, timeouts{0}, sendErrors{0};
  std::atomic<uint64_t> jbPlayed{0}, jbLost{0}, jbUnderflow{0}, jbLate{0}, jbDuplicate{0}, jbDropped{0}, jbEmpty{0};
  std::atomic<int32_t> jbLevel{0};
  std::atomic<int64_t> cumulativeLost{0};
  std::atomic<uint32_t> jitterTs{0}, remoteSsrc{0}, localSsrc{0};
  std::atomic<uint64_t> dtmfRtpRx{0}, dtmfTdmDetected{0}, eventPacketsTx{0}, eventPacketsRx{0};
  std::atomic<uint64_t> rtcpTx{0}, rtcpRx{0}, rtcpBad{0};
  std::atomic<int64_t> rttUs{-1};
  std::atomic<int32_t> remoteFractionLost{-1}, remoteJitterTs{-1};
  std::atomic<uint64_t> paramsApplied{0};
};

class MediaChannel final : public core::BearerConsumer {
 public:
  // JS thread. The sockets are bound already (and registered with the hub).
  MediaChannel(uint32_t handle, std::shared_ptr<MediaHub> hub, int rtpFd, int rtpSlot, int rtcpFd, int rtcpSlot, uint32_t ssrc,
               const ChannelParams& p);
  ~MediaChannel() override;
  // Channels live in huge pages (channel_arena.h): fewer TLB misses when 1500 are ticked each ms.
  static void* operator new(size_t n);
  static void operator delete(void* p, size_t n);

  // JS thread: queue new parameters (applied within 8 ticks). False if the queue is full.
  bool modify(const ChannelParams& p);
  const ChannelSnapshot& snapshot() const { return snap_; }
  uint32_t handle() const { return handle_; }
  int rtpFd() const { return rtpFd_; }
  int rtcpFd() const { return rtcpFd_; }
  int rtpSlot() const { return rtpSlot_; }
  int rtcpSlot() const { return rtcpSlot_; }

  // RT thread.
  void onBearerTick(uint64_t nowUs, const uint8_t* rx, size_t nRx, uint8_t tx[8]) override;

 private:
  void tick(uint64_t nowUs, const uint8_t* rx, size_t nRx, uint8_t tx[8]);
  void apply(const ChannelParams& p);
  void receive(uint64_t nowUs);
  void onRtp(const uint8_t* p, size_t n, const sockaddr_storage& from, socklen_t fromLen, uint64_t nowUs);
  void onTelephoneEvent(const RtpHeader& h, const uint8_t* payload, size_t n);
  void transmitSide();            // every 10 ms: the block just collected -> DTMF detector; at ptime the packet
  void slowTick(uint64_t nowUs);  // every 8th tick: parameters, timeouts, RTCP, statistics
  void sendAudio();
  void sendPacket(uint8_t pt, bool marker, uint32_t ts, const uint8_t* payload, size_t n);
  void nextPlayoutFrame();  // every 10 ms: the next frame to play into the timeslot (out_)
  void playoutFrame();      // the jitter buffer's frame (or concealment, or silence)
  void receiveRtcp(uint64_t nowUs);
  void sendRtcp(uint64_t nowUs);
  void updateConnection();  // RT: connect/disconnect the RTP socket after p_.connect, remote, latch
  void emit(MediaEventType t, int64_t a = 0, int64_t b = 0, char digit = 0, uint8_t source = 0, const char* text = nullptr);
  void publish();

  // What a tick touches, kept together at the front of the object: 1500 channels are ticked every ms,
  // so the per-tick path must stay within a few cache lines per channel. Everything else (the packet
  // being built, the DTMF detector, the playout and receive state) is touched once per 10 ms or per
  // packet.
  MediaHub* hub_;
  int rtpSlot_, rtcpSlot_, rtcpFd_;
  uint64_t tickNo_ = 0;
  uint64_t lastNowUs_ = 0;
  uint64_t muteUntilUs_ = 0;
  int outPos_ = 80;
  int lineFill_ = 0;            // octets in line_ (TDM -> RTP); every 10 ms a block is handled
  int phaseSkip_ = 0;           // ticks of line audio skipped at the start: staggers the send phase
  bool playingEvent_ = false;
  bool toneToTdm_ = false;      // p_.toneOn && target Tdm (cached by apply())
  bool toneToRtp_ = false;      // p_.toneOn && target Rtp (cached by apply())
  bool sendingEvent_ = false;   // an RFC 4733 event is being sent instead of audio
  int ptSamples_ = 160;         // p_.ptimeMs * 8 (cached by apply())
  // read by slowTick() (every 8th tick)
  std::atomic<bool> updatePending_{false};  // set by modify() after the push
  bool teRxPending_ = false;    // an RFC 4733 event may be open in teRx_
  bool firstPacketSeen_ = false;
  bool timedOut_ = false;
  uint64_t rtpTimeoutUs_ = 0;   // p_.rtpTimeoutMs (cached by apply()); 0 = off
  uint64_t lastRxUs_ = 0;
  uint64_t nextRtcpUs_ = 0;     // ~0: no RTCP
  g711::Law tdmLaw_ = g711::Law::Alaw;
  uint8_t out_[80];             // RTP -> TDM: the 10 ms frame being played, 8 octets per tick
  uint8_t line_[240];           // TDM -> RTP: the packet being collected (line law), ptime * 8 octets

  uint32_t handle_;
  std::shared_ptr<MediaHub> hubRef_;  // the hub lives as long as any channel
  int rtpFd_;
  core::SpscRing<ChannelParams> updates_{8};
  ChannelParams p_;
  ChannelSnapshot snap_;

  // receive side
  bool haveSource_ = false;
  uint32_t remoteSsrc_ = 0;
  uint32_t tsBase_ = 0;
  RtpSource src_;
  JitterBuffer jb_;
  G711Plc plc_;
  uint8_t delay_[G711Plc::kOverlapMax];
  int plcTail_ = 0;
  // The concealer's history is only needed when a frame is lost: while frames arrive, the played
  // octets are kept (cheap) and decoded into the concealer at the start of a loss (G711Plc::setHistory).
  // plcFull_ counts the frames after a loss that still go through the concealer (its blend, then
  // until its history holds only received frames again, so the lazy history is exactly the same).
  static constexpr int kHistFrames = (G711Plc::kHistory + 79) / 80;  // 5
  uint8_t hist8_[kHistFrames][80];
  int hist8Next_ = 0;
  int plcFull_ = kHistFrames;     // the first frames fill the concealer's history the ordinary way
  bool plcStale_ = false;
  bool latched_ = false;
  bool connected_ = false;
  uint64_t lastReadyTick_ = 0;
  sockaddr_storage connectedTo_{};
  TelephoneEventReceiver teRx_;
  ToneGenerator toneOut_;       // RFC 4733 events played on the timeslot
  ToneGenerator progress_;      // call-progress tone (ChannelParams::tone)
  uint32_t toneSeq_ = 0;
  uint64_t eventToneStartUs_ = 0;
  uint64_t eventToneUntilUs_ = 0;
  uint64_t lastEventPacketUs_ = 0;
  uint64_t lsrArrivalUs_ = 0;
  uint32_t lsr_ = 0;

  // transmit side
  uint32_t localSsrc_;
  uint16_t seq_;
  uint32_t ts_;
  bool firstTx_ = true;
  DtmfDetector det_;
  TelephoneEventSender teTx_;
  uint64_t eventBeginSample_ = 0;
  uint64_t packetsSent_ = 0, octetsSent_ = 0;
};

}  // namespace tandem::media
