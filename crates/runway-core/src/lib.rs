pub mod bindings;
pub mod dto;
