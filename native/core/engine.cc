// See engine.h.
#include "core/engine.h"

#include <errno.h>
#include <sched.h>
#include <time.h>

#include <cstring>

namespace tandem::core {

namespace {

uint64_t monoNs() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<uint64_t>(ts.tv_sec) * 1000000000u + static_cast<uint64_t>(ts.tv_nsec);
}

int64_t realtimeNs() {
  timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return static_cast<int64_t>(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

}  // namespace

void deleteSpan(void* span) {
  auto* s = static_cast<Span*>(span);
  s->close();
  delete s;  // the span's unique_ptrs delete its attached channels
}

void deleteChannel(void* channel) { delete static_cast<SignallingChannel*>(channel); }

Engine::Engine(const EngineConfig& cfg, Notifier* notifier)
    : cfg_(cfg), notifier_(notifier), commands_(cfg.commandCapacity), events_(cfg.eventCapacity), retired_(4096) {}

Engine::~Engine() {
  stop();
  // Whatever the RT thread still owned comes back here (JS thread).
  for (int i = 0; i < nSpans_; ++i) deleteSpan(spans_[i]);
  nSpans_ = 0;
  // Commands never applied: spans/channels they carry were opened by the binding and must be freed.
  while (Command* c = commands_.front()) {
    if (c->type == CommandType::AddSpan) deleteSpan(c->target);
    if (c->type == CommandType::AttachChannel) deleteChannel(c->ptr);
    if (c->type == CommandType::DetachBearer && c->fn) c->fn(c->ptr);  // the consumer is released all the same
    commands_.pop();
  }
  releaseRetired();
}

void Engine::start() {
  if (running_.load()) return;
  realtimeOffsetUs_ = (realtimeNs() - static_cast<int64_t>(monoNs())) / 1000;
  stopRequested_.store(false);
  running_.store(true, std::memory_order_release);
  thread_ = std::thread([this] { run(); });
  nativeThread_ = thread_.native_handle();
}

void Engine::stop() {
  if (!thread_.joinable()) return;
  stopRequested_.store(true, std::memory_order_release);
  thread_.join();
  running_.store(false, std::memory_order_release);
}

bool Engine::post(const Command& c) { return commands_.push(c); }

void Engine::releaseRetired() {
  while (Retired* r = retired_.front()) {
    if (r->fn) r->fn(r->ptr);
    retired_.pop();
  }
}

void Engine::retire(void (*fn)(void*), void* ptr) {
  if (!retired_.push(Retired{fn, ptr})) retireLost_.store(retireLost_.load() + 1, std::memory_order_relaxed);
}

uint64_t Engine::threadCpuUs() const {
  if (!thread_.joinable()) return 0;
  clockid_t cid;
  if (pthread_getcpuclockid(nativeThread_, &cid) != 0) return 0;
  timespec ts;
  if (clock_gettime(cid, &ts) != 0) return 0;
  return static_cast<uint64_t>(ts.tv_sec) * 1000000u + static_cast<uint64_t>(ts.tv_nsec) / 1000u;
}

void Engine::applyScheduling() {
  if (cfg_.cpu >= 0) {
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cfg_.cpu, &set);
    int rc = pthread_setaffinity_np(pthread_self(), sizeof set, &set);
    if (rc != 0) events_.emit(EventType::EngineWarning, 0, static_cast<uint32_t>(EngineWarningCode::CpuAffinityFailed), rc);
  }
  if (cfg_.realtimePriority > 0) {
    sched_param sp{};
    sp.sched_priority = cfg_.realtimePriority;
    int rc = pthread_setschedparam(pthread_self(), SCHED_FIFO, &sp);
    if (rc != 0) events_.emit(EventType::EngineWarning, 0, static_cast<uint32_t>(EngineWarningCode::RealtimePriorityFailed), rc);
  }
}

void Engine::applyCommand(const Command& c) {
  switch (c.type) {
    case CommandType::AddSpan:
      if (nSpans_ < kMaxSpans) spans_[nSpans_++] = static_cast<Span*>(c.target);
      else retire(deleteSpan, c.target);
      break;
    case CommandType::RemoveSpan:
      for (int i = 0; i < nSpans_; ++i) {
        if (spans_[i] == c.target) {
          spans_[i] = spans_[--nSpans_];
          spans_[nSpans_] = nullptr;
          retire(deleteSpan, c.target);
          events_.emit(EventType::SpanRemoved, static_cast<Span*>(c.target)->handle());
          break;
        }
      }
      break;
    case CommandType::AttachChannel:
      static_cast<Span*>(c.target)->attachChannel(static_cast<int>(c.a), static_cast<SignallingChannel*>(c.ptr));
      static_cast<SignallingChannel*>(c.ptr)->attached(tickNowUs_);
      break;
    case CommandType::DetachChannel:
      if (SignallingChannel* ch = static_cast<Span*>(c.target)->detachChannel(static_cast<int>(c.a))) retire(deleteChannel, ch);
      break;
    case CommandType::ChannelCommand:
      static_cast<SignallingChannel*>(c.target)->command(c);
      break;
    case CommandType::AttachBearer:
      static_cast<Span*>(c.target)->attachBearer(static_cast<int>(c.a), static_cast<BearerConsumer*>(c.ptr));
      break;
    case CommandType::DetachBearer:
      static_cast<Span*>(c.target)->detachBearer(static_cast<int>(c.a));
      if (c.fn) retire(c.fn, c.ptr);
      break;
    case CommandType::SpanBert:
    case CommandType::SpanInjectErrors:
    case CommandType::SpanTxEnable:
      static_cast<Span*>(c.target)->apply(c);
      break;
    case CommandType::ResetStats:
      stats_.reset();
      workMaxUs_.store(0, std::memory_order_relaxed);
      break;
    case CommandType::RunOnRt:
      if (c.fn) c.fn(c.ptr);
      break;
  }
  commandsApplied_.store(commandsApplied_.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
}

void Engine::run() {
  applyScheduling();
  uint64_t deadline = monoNs();
  while (!stopRequested_.load(std::memory_order_acquire)) {
    deadline += kTickNs;
    timespec dl;
    dl.tv_sec = static_cast<time_t>(deadline / 1000000000u);
    dl.tv_nsec = static_cast<long>(deadline % 1000000000u);
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &dl, nullptr) == EINTR) {
    }
    const uint64_t woke = monoNs();
    const uint64_t lateNs = woke > deadline ? woke - deadline : 0;
    stats_.record(lateNs / 1000);
    if (lateNs > kMaxCatchUpMs * kTickNs) {
      const uint64_t missed = lateNs / kTickNs;
      skipped_.store(skipped_.load(std::memory_order_relaxed) + missed, std::memory_order_relaxed);
      events_.emit(EventType::EngineWarning, 0, static_cast<uint32_t>(EngineWarningCode::TicksSkipped), static_cast<int64_t>(missed));
      deadline += missed * kTickNs;
    }

    // Line time of this tick: the deadline, not the wake-up, so catch-up ticks keep 1 ms spacing.
    // Commands of this tick run at this time too (SignallingChannel::attached).
    const uint64_t nowUs = deadline / 1000u;
    tickNowUs_ = nowUs;
    for (int i = 0; i < kMaxCommandsPerTick; ++i) {
      Command* c = commands_.front();
      if (!c) break;
      applyCommand(*c);
      commands_.pop();
    }
    const uint64_t rtUs = static_cast<uint64_t>(static_cast<int64_t>(nowUs) + realtimeOffsetUs_);
    for (int i = 0; i < nSpans_; ++i) spans_[i]->tick(nowUs, rtUs);
    for (int i = 0; i < nSpans_; ++i) spans_[i]->driver().flush();
    ticks_.store(ticks_.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);

    const uint64_t workUs = (monoNs() - woke) / 1000u;
    if (workUs > workMaxUs_.load(std::memory_order_relaxed)) workMaxUs_.store(workUs, std::memory_order_relaxed);

    if ((!events_.ring().empty() || !retired_.empty()) && !signalPending_.exchange(true, std::memory_order_acq_rel)) {
      if (notifier_) notifier_->notify();
    }
  }
}

}  // namespace tandem::core
