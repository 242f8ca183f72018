// Element Plus: only the components and icons the screens use are registered, so the first page downloads less.
// registry.test.ts fails when a screen uses a component or an icon that is missing here.
import type { App } from 'vue'
import {
  AlarmClock, ArrowDown, ArrowLeft, ArrowRight, ArrowUp, Avatar, Back, Bell, Calendar, Camera, ChatDotRound, ChatLineSquare, Check,
  CirclePlus, Clock, Close, DataAnalysis, DataLine, Delete, Document, Download, Edit, Female, Headset, HomeFilled, House,
  Iphone, List, Location, Lock, Male, Management, MapLocation, Menu, More, Notification, OfficeBuilding, Open, Phone,
  PhoneFilled, Plus, PriceTag, Refresh, Search, Sell, Service, Setting, Share, SwitchButton, Tickets, Timer, Tools, Upload,
  User, View, Wallet, WarnTriangleFilled, Stamp, Flag, Warning,
} from '@element-plus/icons-vue'
import {
  ElAlert, ElAside, ElAvatar, ElBadge, ElButton, ElButtonGroup, ElCard, ElCascader, ElCheckTag, ElCheckbox,
  ElCheckboxGroup, ElCol, ElCollapse, ElCollapseItem, ElColorPicker, ElConfigProvider, ElContainer, ElDatePicker,
  ElDescriptions, ElDescriptionsItem, ElDialog, ElDrawer, ElDropdown, ElDropdownItem, ElDropdownMenu, ElEmpty,
  ElForm, ElFormItem, ElHeader, ElIcon, ElInput, ElInputNumber, ElLoading, ElMain, ElMenu, ElMenuItem, ElOption,
  ElPageHeader, ElPagination, ElPopconfirm, ElProgress, ElRadio, ElRadioButton, ElRadioGroup, ElRate, ElResult,
  ElRow, ElScrollbar, ElSelect, ElSkeleton, ElStep, ElSteps, ElSubMenu, ElSwitch, ElTabPane, ElTable, ElTableColumn,
  ElTabs, ElTag, ElTimeSelect, ElTimeline, ElTimelineItem, ElTooltip, ElTree, ElTreeSelect, ElUpload,
} from 'element-plus'

export const COMPONENTS = {
  ElAlert, ElAside, ElAvatar, ElBadge, ElButton, ElButtonGroup, ElCard, ElCascader, ElCheckTag, ElCheckbox,
  ElCheckboxGroup, ElCol, ElCollapse, ElCollapseItem, ElColorPicker, ElConfigProvider, ElContainer, ElDatePicker,
  ElDescriptions, ElDescriptionsItem, ElDialog, ElDrawer, ElDropdown, ElDropdownItem, ElDropdownMenu, ElEmpty,
  ElForm, ElFormItem, ElHeader, ElIcon, ElInput, ElInputNumber, ElMain, ElMenu, ElMenuItem, ElOption, ElPageHeader,
  ElPagination, ElPopconfirm, ElProgress, ElRadio, ElRadioButton, ElRadioGroup, ElRate, ElResult, ElRow, ElScrollbar,
  ElSelect, ElSkeleton, ElStep, ElSteps, ElSubMenu, ElSwitch, ElTabPane, ElTable, ElTableColumn, ElTabs, ElTag,
  ElTimeSelect, ElTimeline, ElTimelineItem, ElTooltip, ElTree, ElTreeSelect, ElUpload,
}

export const ICONS = {
  AlarmClock, ArrowDown, ArrowLeft, ArrowRight, ArrowUp, Avatar, Back, Bell, Calendar, Camera, ChatDotRound, ChatLineSquare, Check,
  CirclePlus, Clock, Close, DataAnalysis, DataLine, Delete, Document, Download, Edit, Female, Headset, HomeFilled, House,
  Iphone, List, Location, Lock, Male, Management, MapLocation, Menu, More, Notification, OfficeBuilding, Open, Phone,
  PhoneFilled, Plus, PriceTag, Refresh, Search, Sell, Service, Setting, Share, SwitchButton, Tickets, Timer, Tools, Upload,
  User, View, Wallet, WarnTriangleFilled, Stamp, Flag, Warning,
}

export function installElementPlus(app: App): void {
  for (const component of Object.values(COMPONENTS)) app.use(component)
  app.use(ElLoading) // the v-loading directive
  for (const [name, icon] of Object.entries(ICONS)) app.component(name, icon)
}
