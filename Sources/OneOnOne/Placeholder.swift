public enum OneOnOnePlaceholder {}
