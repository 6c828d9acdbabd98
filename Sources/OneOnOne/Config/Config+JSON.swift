extension Config {
    /// The normalized config, every default filled in, as `oneonone check
    /// --json` prints it.
    package var json: JSON {
        .object([
            ("timezone", .string(timeZone.identifier)),
            ("working_hours", .string(workingHours.description)),
            ("defaults", defaults.json),
            ("team", .array(members.map(\.json))),
            ("topics", .object(topics.map { ($0.name, .string($0.interval.description)) })),
            ("hooks", .array(hooks.map(\.json))),
            ("questions", .array(questions.map { .string($0) })),
            ("digest", notify.digest.map { digest -> JSON in
                switch digest {
                case .start: .string("start")
                case .at(let minutes): .string(WorkingHours.clock(minutes))
                }
            } ?? .bool(false)),
            ("notify", .object([("immediate", .array(notify.immediate.sorted().map { .string($0.rawValue) })),
                                ("summary_after", .int(notify.summaryAfter)), ("desktop", .bool(notify.desktop))])),
            ("calendar_dir", calendarDirectory.map { .string($0) } ?? .null),
        ])
    }
}

extension MemberSettings {
    var json: JSON {
        .object([
            ("cadence", .string(cadence.configText)),
            ("auto_fallback", .string(autoFallback.configText)),
            ("slack", .string(slack.description)),
            ("lead", .string(lead.description)),
            ("repeat", .string(repeatEvery.description)),
            ("give_up", .string(giveUp.description)),
            ("stale_after", .string(staleAfter.description)),
            ("carry_limit", .int(carryLimit)),
            ("consistency_floor", .double(consistencyFloor)),
            ("consistency_window", .string(consistencyWindow.description)),
            ("duration", .string(duration.description)),
        ])
    }
}

extension Member {
    var json: JSON {
        .object([
            ("key", .string(key)),
            ("name", .string(name)),
            ("timezone", .string(timeZone.identifier)),
            ("working_hours", .string(workingHours.description)),
            ("since", since.map { .string($0.description) } ?? .null),
            ("away", .array(away.map {
                .object([("from", .string($0.from.description)), ("to", .string($0.to.description)),
                         ("why", $0.why.map { .string($0) } ?? .null)])
            })),
            ("settings", settings.json),
        ])
    }
}

extension Hook {
    var json: JSON {
        .object([
            ("command", .array(command.map { .string($0) })),
            ("on", .array(kinds.sorted().map { .string($0.rawValue) })),
            ("timeout", .string(timeout.description)),
        ])
    }
}
