extension Schedule {
    /// The topics not raised with the member within their interval, as of
    /// `today`, with the day each last came up (nil: never).
    package func topicsDue(_ topics: [Topic], today: LocalDate) -> [(topic: Topic, last: LocalDate?)] {
        var result: [(Topic, LocalDate?)] = []
        let start = member.since ?? meetings.first?.date ?? anchor
        for topic in topics {
            let last = meetings.last { $0.topics.contains(topic.name) }?.date
            if (last ?? start).adding(days: max(1, topic.interval.days)) <= today {
                result.append((topic, last))
            }
        }
        return result
    }
}
