// The media hub: what the media channels of one TDM engine share.
//  - the socket poller: one level-triggered epoll set for every channel socket, polled without
//    waiting once per engine tick (by the first channel ticked), so a channel only reads its socket
//    when it holds data: one datagram per tick normally (one recvfrom, no second call to learn that
//    the socket is empty: a socket still holding data is reported again next tick), a batch drain
//    (recvmmsg) when it was ready on consecutive ticks; readiness lives in the hub's slot array,
//    never in channel memory, so a channel can be freed on the JS thread while a stale readiness is
//    around;
//  - the event ring from the engine's RT thread to JS (MEDIA_* events), with a coalesced wake-up;
//  - the RTP port range (even ports for RTP, the next odd port for RTCP, RFC 3550 §11).
#pragma once

#include <sys/epoll.h>
#include <sys/socket.h>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

#include "core/spsc_ring.h"

namespace tandem::media {

// MEDIA_* events (CONVENTIONS.md 4: named by origin), RT thread -> JS.
enum class MediaEventType : uint8_t {
  FirstPacket,   // first valid RTP packet of the channel; a = SSRC
  SsrcChange,    // a = new SSRC, b = old SSRC
  RtpTimeout,    // no RTP for the configured time; a = ms since the last packet
  RtpResumed,    // RTP again after a timeout
  Latched,       // symmetric RTP: the remote address learnt; text = "address:port"
  Dtmf,          // digit in `digit`; a = 1 begin / 0 end; b = duration (ms, at end); source 0 = rtp, 1 = tdm
  Freed,         // internal: the channel memory may be freed (close after its span went away)
};
const char* mediaEventName(MediaEventType t);

struct MediaEvent {
  MediaEventType type = MediaEventType::FirstPacket;
  uint32_t channel = 0;
  char digit = 0;
  uint8_t source = 0;
  int64_t a = 0;
  int64_t b = 0;
  char text[64] = {};
};

class MediaNotifier {
 public:
  virtual ~MediaNotifier() = default;
  virtual void notify() = 0;
};

class MediaHub {
 public:
  static constexpr int kMaxSlots = 8192;

  // The hub keeps the notifier alive as long as itself (channels waiting for the engine to let go of
  // them keep the hub alive; they may still emit until then).
  MediaHub(uint16_t portMin, uint16_t portMax, std::shared_ptr<MediaNotifier> notifier);
  ~MediaHub();
  MediaHub(const MediaHub&) = delete;
  MediaHub& operator=(const MediaHub&) = delete;

  // JS thread: a poller slot for fd (-1 if none free / epoll failed); release it before close(fd).
  int addSocket(int fd);
  void removeSocket(int slot, int fd);
  // JS thread: the next even port of the range to try (round robin); 0 if the range is empty.
  uint16_t nextPort();
  uint16_t portMin() const { return portMin_; }
  uint16_t portMax() const { return portMax_; }

  // RT thread: poll once per tick (no-op if already polled for nowUs), then test-and-clear a slot.
  void pollOnce(uint64_t nowUs) {
    if (nowUs != lastPollUs_) pollNow(nowUs);  // inline: every channel calls it every tick
  }
  // RT thread: receive buffers shared by the channels (they are ticked one after the other).
  static constexpr int kRxBatch = 16;
  static constexpr size_t kRxDatagram = 1500;
  uint8_t (*rxBufs())[kRxDatagram] { return rxBufs_.get(); }
  struct sockaddr_storage* rxAddrs() { return rxAddrs_.get(); }

  // Media CPU, measured: every kTimingEvery-th tick (17: prime to every ptime and check interval, so
  // every phase of the channels' 10/20/30 ms work is sampled alike) the channels time their own
  // tick (CLOCK_MONOTONIC on the RT thread, which is not preempted under SCHED_FIFO); the sum times
  // kTimingEvery, over the wall time, is the share of a core the media core takes on the engine thread.
  static constexpr uint64_t kTimingEvery = 17;
  bool timing() const { return timing_; }
  void addTickTime(uint64_t ns) { tickNs_.store(tickNs_.load(std::memory_order_relaxed) + ns, std::memory_order_relaxed); }
  static uint64_t monoNs();
  // JS thread: estimated ns of engine-thread time in the channels since the last reset.
  uint64_t mediaBusyNs() const { return tickNs_.load(std::memory_order_relaxed) * kTimingEvery; }
  void resetBusy() { tickNs_.store(0, std::memory_order_relaxed); }
  void markReady(int slot);  // RT: look again next tick (a drain stopped early)
  bool takeReady(int slot) {
    if (slot < 0 || ready_[slot].load(std::memory_order_relaxed) == 0) return false;  // a read, no RMW, in the common case
    return ready_[slot].exchange(0, std::memory_order_acq_rel) != 0;
  }

  // RT thread: how late a packet went out after the tick it fell due in (µs); 10 µs buckets.
  static constexpr int kLateBuckets = 2000;
  void recordSendLateness(uint64_t us) {
    const uint64_t b = us / 10 < kLateBuckets ? us / 10 : kLateBuckets - 1;
    late_[b].store(late_[b].load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
    if (us > lateMax_.load(std::memory_order_relaxed)) lateMax_.store(us, std::memory_order_relaxed);
  }
  // JS thread: percentile (0..1) in µs of the send lateness, and the maximum; resetLateness() clears.
  uint64_t sendLatePercentileUs(double q) const;
  uint64_t sendLateMaxUs() const { return lateMax_.load(std::memory_order_relaxed); }
  uint64_t sendLateSamples() const;
  void resetLateness();

  // RT thread: emit an event (dropped and counted when the ring is full).
  void emit(const MediaEvent& e);
  // JS thread: drain.
  core::SpscRing<MediaEvent>& events() { return events_; }
  void clearSignal() { signalled_.store(false, std::memory_order_release); }
  uint64_t eventsDropped() const { return dropped_.load(std::memory_order_relaxed); }
  uint64_t polls() const { return polls_.load(std::memory_order_relaxed); }

 private:
  int epfd_ = -1;
  uint16_t portMin_, portMax_;
  uint16_t nextPort_;
  std::unique_ptr<std::atomic<uint8_t>[]> ready_;
  std::vector<int> freeSlots_;       // JS thread
  std::mutex slotMutex_;             // JS thread only (several JS calls), never taken on RT
  void pollNow(uint64_t nowUs);
  uint64_t lastPollUs_ = ~0ull;      // RT
  std::unique_ptr<uint8_t[][kRxDatagram]> rxBufs_{new uint8_t[kRxBatch][kRxDatagram]};
  std::unique_ptr<struct sockaddr_storage[]> rxAddrs_{new sockaddr_storage[kRxBatch]};
  uint64_t pollCount_ = 0;           // RT
  bool timing_ = false;              // RT: this tick is a timed one
  std::atomic<uint64_t> tickNs_{0};
  static constexpr int kPollBatch = 2048;
  std::unique_ptr<epoll_event[]> evs_;  // RT: pollOnce's result array
  core::SpscRing<MediaEvent> events_;
  std::shared_ptr<MediaNotifier> notifier_;
  std::atomic<bool> signalled_{false};
  std::atomic<uint64_t> dropped_{0}, polls_{0};
  std::unique_ptr<std::atomic<uint32_t>[]> late_{new std::atomic<uint32_t>[kLateBuckets]};
  std::atomic<uint64_t> lateMax_{0};
};

}  // namespace tandem::media
