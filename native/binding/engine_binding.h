// C++ access to a JS TdmEngine object for other native components' bindings (media channels,
// issue 5): attach a BearerConsumer to a bearer timeslot of a span, detach it again.
#pragma once

#include <napi.h>

#include "core/bearer_port.h"
#include "core/engine.h"

namespace tandem {

// The engine behind a TdmEngine JS object; throws TypeError if v is not one, InvalidStateError if closed.
core::Engine* unwrapEngine(Napi::Env env, Napi::Value v);
// Queue the attachment of `consumer` to (span, ts); throws for an unknown span or a non-bearer ts.
void attachBearer(Napi::Env env, Napi::Value engine, uint32_t spanHandle, int ts, core::BearerConsumer* consumer);
// Queue the detachment; release(ctx) runs on the JS thread once the RT thread no longer uses the consumer.
void detachBearer(Napi::Env env, Napi::Value engine, uint32_t spanHandle, int ts, void (*release)(void*), void* ctx);

}  // namespace tandem
