/// One `BEGIN:NAME` … `END:NAME` block: a VCALENDAR, VEVENT, VTIMEZONE,
/// VALARM, … with its properties and the components nested in it, in
/// file order.
public struct Component: Sendable, Equatable {
    /// The component's name, upper-cased: "VEVENT".
    public var name: String
    /// The properties between BEGIN and END, in order, nested components'
    /// properties excluded.
    public var properties: [Property]
    /// The components nested directly inside this one.
    public var components: [Component]
    /// The line of the `BEGIN:` content line.
    public var line: Int

    /// Creates a component from its parts.
    public init(name: String, properties: [Property] = [], components: [Component] = [], line: Int) {
        self.name = name
        self.properties = properties
        self.components = components
        self.line = line
    }

    /// The first property called `name` (case-insensitive), if any.
    public func property(_ name: String) -> Property? {
        let name = ASCII.uppercased(name)
        return properties.first { $0.name == name }
    }

    /// Every property called `name` (case-insensitive), in order.
    public func properties(_ name: String) -> [Property] {
        let name = ASCII.uppercased(name)
        return properties.filter { $0.name == name }
    }

    /// The VEVENTs of a parsed file: those at the top level and those
    /// directly inside a VCALENDAR, in file order.
    public static func events(in components: [Component]) -> [Component] {
        components.flatMap { top -> [Component] in
            switch top.name {
            case "VEVENT": return [top]
            case "VCALENDAR": return top.components.filter { $0.name == "VEVENT" }
            default: return []
            }
        }
    }
}

/// One content line: `NAME;PARAM=value:value`.
public struct Property: Sendable, Equatable {
    /// The property's name, upper-cased: "DTSTART", "X-WR-CALNAME".
    public var name: String
    /// The parameters, in the order they were written.
    public var parameters: [Parameter]
    /// The value exactly as written after the first unquoted colon, folds
    /// removed but escapes kept (see `text` for a TEXT value).
    public var value: String
    /// The line the content line starts on.
    public var line: Int
    /// The column of the value's first character in the unfolded line.
    public var valueColumn: Int

    /// Creates a property from its parts.
    public init(name: String, parameters: [Parameter] = [], value: String, line: Int, valueColumn: Int = 1) {
        self.name = name
        self.parameters = parameters
        self.value = value
        self.line = line
        self.valueColumn = valueColumn
    }

    /// The first value of the parameter `name` (case-insensitive), if the
    /// property has it.
    public func parameter(_ name: String) -> String? {
        parameterValues(name)?.first
    }

    /// Every value of the parameter `name` (case-insensitive), if the
    /// property has it: `MEMBER="a","b"` gives two.
    public func parameterValues(_ name: String) -> [String]? {
        let name = ASCII.uppercased(name)
        return parameters.first { $0.name == name }?.values
    }

    /// An error about this property's value.
    func error(_ message: String, at offset: Int = 0) -> ICalendarError {
        ICalendarError(line: line, column: valueColumn + offset, message: message)
    }
}

/// One `NAME=value,value` parameter of a property.
public struct Parameter: Sendable, Equatable {
    /// The parameter's name, upper-cased: "TZID", "PARTSTAT".
    public var name: String
    /// Its values, quotes removed and RFC 6868 `^` escapes decoded; most
    /// parameters have exactly one.
    public var values: [String]

    /// Creates a parameter from its parts.
    public init(name: String, values: [String]) {
        self.name = name
        self.values = values
    }
}
