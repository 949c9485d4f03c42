// The TDM engine: one real-time thread that ticks every 1 ms on absolute deadlines
// (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME)) and, per tick, applies queued commands, ticks
// every span (receive, frame, signalling, bearer, transmit) and signals JS if events are waiting.
// It never waits on JavaScript: commands come in through an SPSC ring (JS thread -> RT), events go
// out through another (RT -> JS) with a coalesced wake-up (Notifier), and objects the RT thread lets
// go of (removed spans, detached channels, released bearer consumers) go back to the JS thread
// through a third ring, to be deleted there (no free() on the RT thread).
//
// Late ticks: a tick that runs late still runs (the line keeps its 8000 frames/s): deadlines stay
// absolute, so after a stall the thread runs the missed ticks back to back. A stall longer than
// kMaxCatchUpMs is not caught up: the deadline jumps to now and the skipped ticks are counted.
#pragma once

#include <pthread.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <thread>
#include <vector>

#include "core/command.h"
#include "core/event.h"
#include "core/span.h"
#include "core/spsc_ring.h"
#include "core/tick_stats.h"

namespace tandem::core {

struct EngineConfig {
  int realtimePriority = 0;  // SCHED_FIFO priority 1..99; 0 = normal scheduler
  int cpu = -1;              // pin the RT thread to this CPU; -1 = no pinning
  size_t commandCapacity = 1024;
  size_t eventCapacity = 8192;
};

// Wakes the JS thread (the binding implements it with a ThreadSafeFunction NonBlockingCall).
class Notifier {
 public:
  virtual ~Notifier() = default;
  virtual void notify() = 0;
};

// Something the RT thread hands back to the JS thread: fn(ptr) runs there.
struct Retired {
  void (*fn)(void*) = nullptr;
  void* ptr = nullptr;
};

class Engine {
 public:
  static constexpr int kMaxSpans = 256;
  static constexpr int kMaxCommandsPerTick = 256;
  static constexpr uint64_t kTickNs = 1000000;
  static constexpr uint64_t kMaxCatchUpMs = 200;

  Engine(const EngineConfig& cfg, Notifier* notifier);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  void start();  // JS thread: start the RT thread
  void stop();   // JS thread: stop and join it (idempotent); queued commands are not applied
  bool running() const { return running_.load(std::memory_order_acquire); }

  // JS thread: queue a command (false = queue full). The command is copied.
  bool post(const Command& c);
  // JS thread: events and retired objects. signalled() is cleared before draining, so a new event
  // after this point signals again.
  void clearSignal() { signalPending_.store(false, std::memory_order_release); }
  SpscRing<Event>& events() { return events_.ring(); }
  EventSink& eventSink() { return events_; }
  void releaseRetired();  // runs fn(ptr) of everything retired

  // Any thread.
  const TickStats& tickStats() const { return stats_; }
  uint64_t ticks() const { return ticks_.load(std::memory_order_relaxed); }
  uint64_t ticksSkipped() const { return skipped_.load(std::memory_order_relaxed); }
  uint64_t eventsDropped() const { return events_.dropped(); }
  uint64_t commandsApplied() const { return commandsApplied_.load(std::memory_order_relaxed); }
  uint64_t tickWorkMaxUs() const { return workMaxUs_.load(std::memory_order_relaxed); }
  // CPU time of the RT thread so far (µs), read from the JS thread (pthread_getcpuclockid).
  uint64_t threadCpuUs() const;

 private:
  void run();
  void applyCommand(const Command& c);
  void retire(void (*fn)(void*), void* ptr);
  void applyScheduling();

  EngineConfig cfg_;
  Notifier* notifier_;
  SpscRing<Command> commands_;
  EventSink events_;
  SpscRing<Retired> retired_;
  std::atomic<uint64_t> retireLost_{0};  // retired_ full: the object is leaked, not freed on the RT thread
  Span* spans_[kMaxSpans] = {};
  int nSpans_ = 0;
  std::thread thread_;
  pthread_t nativeThread_{};
  std::atomic<bool> running_{false};
  std::atomic<bool> stopRequested_{false};
  std::atomic<bool> signalPending_{false};
  TickStats stats_;
  std::atomic<uint64_t> ticks_{0}, skipped_{0}, commandsApplied_{0}, workMaxUs_{0};
  int64_t realtimeOffsetUs_ = 0;
  uint64_t tickNowUs_ = 0;  // RT thread: line time of the tick in progress
};

// Deleter for retired spans (JS thread): closes the driver and pcap, deletes the span and its channels.
void deleteSpan(void* span);
void deleteChannel(void* channel);

}  // namespace tandem::core
