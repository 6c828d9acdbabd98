public enum OneOnOneStorePlaceholder {}
